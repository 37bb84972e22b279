"""The scorebook on S3 (STORAGE_URL=s3://...), against a real S3 server on loopback (moto's,
tests/s3.py): uploads, processing, downloads through the permission check, deletion of a score
and of an account, and what nothing may leave behind when S3 or the database fails."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from PIL import Image

import scores.services.processing as processing
import scores.services.uploads as uploads
from scores.models import Score, ScoreAnalytics, ScorePage, ScoreVersion
from scores.services.uploads import CheckedFile, score_upload
from tests.accounts.factories import UserFactory
from tests.scores.factories import ScoreVersionFactory
from tests.scores.samples import picture, text_pdf

pytestmark = pytest.mark.django_db(databases=["default", "scores"])
PDF = text_pdf(["Romance", "Second page", "Coda"], title="Romance")


def upload(client, **data):
    return client.post("/api/scores", data, format="multipart")


def upload_pdf(client, content: bytes = PDF, **fields) -> Score:
    response = upload(
        client, file=SimpleUploadedFile("romance.pdf", content, "application/pdf"), **fields
    )
    assert response.status_code == 201, response.json()
    return Score.objects.get(pk=response.json()["id"])


def process() -> str:
    out = io.StringIO()
    call_command("process_scores", stdout=out)
    return out.getvalue()


def stored_keys(score: Score) -> list[str]:
    version = score.versions.get()
    pages = list(ScorePage.objects.filter(score=score).values_list("image", flat=True))
    return sorted([version.file.name, *pages, *([score.thumbnail.name] if score.thumbnail else [])])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_upload_lands_in_the_bucket_and_nowhere_on_disk(auth_client, s3_bucket, settings):
    score = upload_pdf(auth_client)
    version = score.versions.get()
    assert s3_bucket.keys() == [f"scores/{score.id}/{version.id}/original.pdf"]
    assert s3_bucket.read(version.file.name) == PDF
    assert version.file.name == s3_bucket.keys()[0] and version.file_size_bytes == len(PDF)
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).iterdir())


def test_processing_reads_the_bucket_and_writes_pages_and_thumbnail_there(
    auth_client, s3_bucket, settings
):
    score = upload_pdf(auth_client)
    assert "1 completed, 0 failed" in process()
    score.refresh_from_db()
    assert score.processing_status == "completed" and score.page_count == 3
    version = score.versions.get()
    pages = ScorePage.objects.filter(score=score).order_by("page_number")
    assert [p.image.name for p in pages] == [
        f"scores/{score.id}/{version.id}/pages/{n:04d}.webp" for n in (1, 2, 3)
    ]
    assert score.thumbnail.name == f"scores/{score.id}/{version.id}/thumbnail.webp"
    assert s3_bucket.keys() == stored_keys(score)
    page = Image.open(io.BytesIO(s3_bucket.read(pages[0].image.name)))
    thumb = Image.open(io.BytesIO(s3_bucket.read(score.thumbnail.name)))
    assert (page.format, page.width) == ("WEBP", settings.SCORES_PAGE_WIDTH)
    assert (thumb.format, thumb.width) == ("WEBP", settings.SCORES_THUMBNAIL_WIDTH)
    assert "Second page" in version.__class__.objects.get(pk=version.pk).extracted_text


def test_downloads_stream_from_the_bucket_after_the_permission_check(
    api_client, make_auth_client, s3_bucket
):
    owner = UserFactory()
    owner_client = make_auth_client(owner)
    score = upload_pdf(owner_client)
    process()
    score.refresh_from_db()
    version, page = score.versions.get(), ScorePage.objects.get(score=score, page_number=2)
    downloads = {
        f"/api/scores/{score.id}/file/{version.id}": version.file.name,
        f"/api/scores/{score.id}/pages/2/image": page.image.name,
        f"/api/scores/{score.id}/thumbnail": score.thumbnail.name,
    }
    stranger = make_auth_client(UserFactory())
    for path, key in downloads.items():
        assert api_client.get(path).status_code == 404
        assert stranger.get(path).json()["error"]["code"] == "score_not_found"
        response = owner_client.get(path)
        assert response.status_code == 200
        assert body(response) == s3_bucket.read(key)
        assert response["Content-Length"] == str(len(s3_bucket.read(key)))
        assert response["Cache-Control"] == "private, no-cache"
    assert ScoreAnalytics.objects.get(score=score).download_count == 1


def test_no_answer_names_the_bucket_and_no_object_is_public(auth_client, s3_bucket, s3_server):
    score = upload_pdf(auth_client, visibility="public")
    process()
    answers = [
        auth_client.get(f"/api/scores/{score.id}"),
        auth_client.get(f"/api/scores/{score.id}/versions"),
        auth_client.get(f"/api/scores/{score.id}/pages"),
    ]
    for response in answers:
        assert response.status_code == 200
        text = response.content.decode()
        assert s3_bucket.name not in text and str(s3_server.port) not in text
    assert answers[1].json()[0]["fileUrl"].startswith(f"/api/scores/{score.id}/file/")
    assert answers[2].json()[0]["imageUrl"].startswith(f"/api/scores/{score.id}/pages/")
    keys = s3_bucket.keys()
    assert len(keys) == 5 and all(s3_bucket.public_grants(key) == [] for key in keys)


def test_deleting_a_score_removes_its_objects_and_only_its_own(
    auth_client, s3_bucket, django_capture_on_commit_callbacks
):
    doomed, kept = upload_pdf(auth_client), upload_pdf(auth_client)
    process()
    kept.refresh_from_db()
    with django_capture_on_commit_callbacks(using="scores", execute=True):
        assert auth_client.delete(f"/api/scores/{doomed.id}").status_code == 204
        assert len(s3_bucket.keys(f"scores/{doomed.id}/")) == 5  # removed after the commit
    assert not Score.objects.filter(pk=doomed.id).exists()
    assert s3_bucket.keys(f"scores/{doomed.id}/") == []
    assert s3_bucket.keys() == stored_keys(kept)


@pytest.mark.django_db(databases=["default", "scores", "dictionary"])
def test_deleting_an_account_removes_all_its_objects(
    make_auth_client, s3_bucket, django_capture_on_commit_callbacks
):
    leaving, staying = UserFactory(), UserFactory()
    leaving_client, staying_client = make_auth_client(leaving), make_auth_client(staying)
    for _ in range(2):
        upload_pdf(leaving_client)
    kept = upload_pdf(staying_client)
    process()
    kept.refresh_from_db()
    with django_capture_on_commit_callbacks(using="scores", execute=True):
        assert leaving_client.delete("/api/user/me").status_code == 204
    assert not Score.objects.filter(user_id=leaving.pk).exists()
    assert s3_bucket.keys() == stored_keys(kept)


def test_rows_that_cannot_be_written_leave_no_object(s3_bucket, monkeypatch):
    taken = ScoreVersionFactory()  # a real primary-key clash: the version row cannot be inserted
    monkeypatch.setattr(uploads, "new_id", lambda: taken.pk)
    files = [CheckedFile("pdf", PDF, "application/pdf", "pdf", "romance.pdf")]
    with pytest.raises(IntegrityError):
        score_upload(user_id=UserFactory().pk, fields={}, files=files)
    assert s3_bucket.keys() == []
    assert list(Score.objects.values_list("pk", flat=True)) == [taken.score_id]


def test_a_score_deleted_while_it_renders_leaves_no_pages_behind(
    auth_client, s3_bucket, monkeypatch
):
    score = upload_pdf(auth_client)
    original = score.versions.get().file.name
    record = processing._record

    def deleted_meanwhile(version, *args):
        Score.objects.filter(pk=version.score_id).delete()  # the owner, on another host
        record(version, *args)

    monkeypatch.setattr(processing, "_record", deleted_meanwhile)
    assert "0 completed, 1 failed" in process()
    assert s3_bucket.keys() == [original]  # score_delete removes this one after its commit


# S3 down: `s3_gate` puts a closable relay between the app and the server.


def assert_storage_503(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"]
    assert response.json()["error"] == {
        "code": "service_unavailable",
        "message": "File storage is unavailable; please retry shortly.",
        "details": {"service": "storage"},
    }


def test_an_upload_while_s3_is_down_is_a_503_that_writes_nothing(auth_client, s3_gate):
    bucket, gate = s3_gate
    gate.close()
    response = upload(auth_client, file=SimpleUploadedFile("a.pdf", PDF, "application/pdf"))
    assert_storage_503(response)
    assert not Score.objects.exists() and not ScoreVersion.objects.exists()
    assert bucket.keys() == []


def test_downloads_while_s3_is_down_are_a_503_and_count_nothing(auth_client, s3_gate):
    _, gate = s3_gate
    score = upload_pdf(auth_client)
    process()
    version = score.versions.get()
    gate.close()
    for path in (
        f"/api/scores/{score.id}/file/{version.id}",
        f"/api/scores/{score.id}/pages/1/image",
        f"/api/scores/{score.id}/thumbnail",
    ):
        assert_storage_503(auth_client.get(path))
    assert ScoreAnalytics.objects.get(score=score).download_count == 0
    gate.open()
    response = auth_client.get(f"/api/scores/{score.id}/file/{version.id}")
    assert response.status_code == 200 and body(response) == PDF


def test_processing_while_s3_is_down_gives_the_claim_back(auth_client, s3_gate):
    bucket, gate = s3_gate
    score = upload_pdf(auth_client)
    gate.close()
    with pytest.raises(CommandError, match="file storage unavailable"):
        process()
    version = score.versions.get()
    assert (version.processing_status, version.attempts, version.claimed_at) == ("pending", 0, None)
    assert not ScorePage.objects.exists()
    assert bucket.keys() == [version.file.name]
    gate.open()
    assert "1 completed" in process()
    score.refresh_from_db()
    assert bucket.keys() == stored_keys(score)


def test_s3_failing_half_way_through_an_upload_writes_no_row_and_its_orphan_is_swept(
    auth_client, s3_gate, monkeypatch
):
    bucket, gate = s3_gate
    save = uploads.save_bytes

    def outage_after_first_object(key, data):
        name = save(key, data)
        gate.close()  # S3 goes away between the first image and the second
        return name

    monkeypatch.setattr(uploads, "save_bytes", outage_after_first_object)
    images = [SimpleUploadedFile(f"p{n}.png", picture(60, 80), "image/png") for n in range(3)]
    assert_storage_503(upload(auth_client, images=images))
    assert not Score.objects.exists() and not ScoreVersion.objects.exists()
    [orphan] = bucket.keys()  # the compensating delete could not reach S3 either
    assert orphan.endswith("/source-001.png")

    gate.open()
    out = io.StringIO()
    call_command("purge_orphan_files", stdout=out)  # younger than the grace period: kept
    assert bucket.keys() == [orphan]
    call_command("purge_orphan_files", "--older-than", "0", "--dry-run", stdout=out)
    assert f"would remove {orphan}" in out.getvalue() and bucket.keys() == [orphan]
    call_command("purge_orphan_files", "--older-than", "0", stdout=out)
    assert f"removed {orphan}" in out.getvalue()
    assert bucket.keys() == []
