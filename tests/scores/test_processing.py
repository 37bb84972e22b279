"""manage.py process_scores on real generated files: PDFs with and without a text layer,
images, MusicXML; failures, bounded retries, --dry-run, and two runners at once."""

from __future__ import annotations

import io
import threading

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connections
from PIL import Image

from scores.models import Score, ScorePage, ScoreVersion
from scores.render import key_name
from scores.services.processing import claim_next
from scores.services.uploads import CheckedFile, score_upload
from tests.accounts.factories import UserFactory
from tests.scores.samples import MUSICXML, image_pdf, picture, text_pdf

pytestmark = pytest.mark.django_db(databases=["default", "scores"], transaction=True)


def uploaded(kind: str, *contents: bytes, **fields) -> Score:
    types = {
        "pdf": ("application/pdf", "pdf"),
        "musicxml": ("application/vnd.recordare.musicxml+xml", "musicxml"),
        "image": ("image/png", "png"),
    }
    files = [CheckedFile(kind, data, *types[kind], f"file.{types[kind][1]}") for data in contents]
    return score_upload(user_id=UserFactory().pk, fields=fields, files=files)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("process_scores", *args, stdout=out)
    return out.getvalue()


def image_at(key: str) -> Image.Image:
    with default_storage.open(key, "rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_a_pdf_with_text_gets_pages_text_images_and_a_thumbnail():
    score = uploaded(
        "pdf", text_pdf(["Romance for guitar", "Second page", "Coda"], title="Romance")
    )
    summary = run()
    assert "1 completed, 0 failed" in summary
    score.refresh_from_db()
    version = score.versions.get()
    assert (score.processing_status, score.page_count, version.page_count) == ("completed", 3, 3)
    assert version.text_extraction_status == "completed"
    assert "Romance for guitar" in version.extracted_text
    assert version.pdf_metadata["Title"] == "Romance"
    pages = list(ScorePage.objects.filter(score=score))
    assert [p.page_number for p in pages] == [1, 2, 3]
    assert pages[1].ocr_text == "Second page"
    page_image = image_at(pages[0].image.name)
    assert page_image.format == "WEBP" and page_image.width == 1200
    thumb = image_at(score.thumbnail.name)
    assert thumb.format == "WEBP" and thumb.width == 400


def test_a_pdf_without_a_text_layer_is_rendered_and_marked_no_text():
    score = uploaded("pdf", image_pdf(2))
    run()
    version = score.versions.get()
    assert version.processing_status == "completed" and version.page_count == 2
    assert version.text_extraction_status == "no_text" and version.extracted_text == ""
    assert ScorePage.objects.filter(score=score).count() == 2


def test_uploaded_images_become_pages_and_a_thumbnail():
    score = uploaded("image", picture(1600, 2000, label="1"), picture(800, 1000, label="2"))
    run()
    score.refresh_from_db()
    assert score.page_count == 2 and score.thumbnail
    widths = [image_at(p.image.name).width for p in ScorePage.objects.filter(score=score)]
    assert widths == [1200, 800]  # scaled down to 1200 px, never up


def test_musicxml_fills_title_composer_key_and_time_from_the_file():
    score = uploaded("musicxml", MUSICXML)
    run()
    score.refresh_from_db()
    assert score.processing_status == "completed"
    assert (score.title, score.composer) == ("Estudio en Mi menor", "Francisco Tárrega")
    assert (score.key_signature, score.time_signature) == ("E minor", "3/4")


def test_musicxml_never_overwrites_what_the_uploader_wrote():
    score = uploaded("musicxml", MUSICXML, title="My title", composer="Sor")
    run()
    score.refresh_from_db()
    assert (score.title, score.composer) == ("My title", "Fernando Sor")


@pytest.mark.parametrize(
    ("fifths", "mode", "name"),
    [
        (0, "major", "C major"),
        (-3, "minor", "C minor"),
        (4, "major", "E major"),
        (-6, "major", "Gb major"),
    ],
)
def test_key_names_from_fifths(fifths, mode, name):
    assert key_name(fifths, mode) == name


def test_a_broken_file_fails_with_its_error_and_is_retried_a_bounded_number_of_times(settings):
    settings.SCORES_PROCESSING_MAX_ATTEMPTS = 2
    score = uploaded("pdf", b"%PDF-1.4 this is not really a pdf")
    assert "0 completed, 1 failed" in run()
    version = score.versions.get()
    assert (
        version.processing_status == "failed" and version.attempts == 1 and version.processing_error
    )
    score.refresh_from_db()
    assert score.processing_status == "failed" and score.processing_error
    assert "1 failed" in run()  # second and last attempt
    assert "0 completed, 0 failed" in run()  # no attempts left
    assert ScoreVersion.objects.get(pk=version.pk).attempts == 2


def test_dry_run_lists_work_and_changes_nothing():
    score = uploaded("pdf", text_pdf(["x"]))
    output = run("--dry-run")
    assert score.id in output and "1 version(s) waiting" in output
    assert score.versions.get().processing_status == "pending"


@pytest.mark.parametrize("extra", [(), ("--dry-run",)])
def test_a_negative_limit_is_a_command_error_that_changes_nothing(extra):
    score = uploaded("pdf", text_pdf(["x"]))

    with pytest.raises(CommandError, match="--limit"):
        run("--limit", "-1", *extra)

    assert score.versions.get().processing_status == "pending"


def test_two_runners_never_claim_the_same_version():
    versions = {uploaded("pdf", text_pdf([str(n)])).versions.get().pk for n in range(6)}
    claimed: list[list[str]] = [[], []]

    def runner(into: list[str]) -> None:
        try:
            while (version := claim_next(skip=into)) is not None:
                into.append(version.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(bucket,)) for bucket in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    first, second = map(set, claimed)
    assert not first & second
    assert first | second == versions
    assert ScoreVersion.objects.filter(processing_status="processing", attempts=1).count() == 6
