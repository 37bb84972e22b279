"""POST /api/scores: content checked by bytes, size limits, image counts, throttling."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from scores.models import Score, ScoreVersion
from tests.scores.samples import MUSICXML, picture, text_pdf

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def upload(client, **data):
    return client.post("/api/scores", data, format="multipart")


def pdf_file(name="etude.pdf"):
    return SimpleUploadedFile(name, text_pdf(["Etude"]), "application/pdf")


def test_a_pdf_upload_is_stored_under_its_score_and_waits_for_processing(auth_client):
    response = upload(
        auth_client,
        file=pdf_file(),
        title="Etude",
        composer="sor",
        instrument="guitar",
        difficulty="beginner",
        tags=["study", "sor"],
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["composer"] == "Fernando Sor"  # canonicalised on create
    assert body["visibility"] == "private" and body["processingStatus"] == "pending"
    score = Score.objects.get(pk=body["id"])
    assert score.user_id == auth_client.user.pk and score.tags == ["study", "sor"]
    version = ScoreVersion.objects.get(score=score)
    assert version.file.name.startswith(f"scores/{score.id}/{version.id}/")
    assert version.content_type == "application/pdf" and len(version.sha256) == 64
    assert default_storage.exists(version.file.name)


def test_the_owner_may_publish_on_upload(auth_client):
    response = upload(auth_client, file=pdf_file(), visibility="public")
    assert response.json()["visibility"] == "public"
    assert response.json()["title"] == "etude"  # from the file name when none is given


def test_content_decides_not_the_name(auth_client):
    fake = SimpleUploadedFile("score.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = upload(auth_client, file=fake)
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_file"
    assert not Score.objects.exists()


def test_a_real_pdf_with_a_wrong_name_is_accepted(auth_client):
    response = upload(
        auth_client, file=SimpleUploadedFile("notes.txt", text_pdf(["x"]), "text/plain")
    )
    assert response.status_code == 201
    assert response.json()["sourceType"] == "pdf"


def test_a_musicxml_file_is_recognised(auth_client):
    response = upload(
        auth_client, file=SimpleUploadedFile("x.bin", MUSICXML, "application/octet-stream")
    )
    assert response.status_code == 201
    assert response.json()["sourceType"] == "musicxml"


def test_images_make_one_score_with_pages_to_render(auth_client):
    images = [
        SimpleUploadedFile(f"p{n}.png", picture(200, 300, label=str(n)), "image/png")
        for n in range(3)
    ]
    response = upload(auth_client, images=images, title="Scanned")
    assert response.status_code == 201, response.json()
    version = ScoreVersion.objects.get(score_id=response.json()["id"])
    assert version.format == "image" and len(version.source_keys) == 3


def test_more_than_twenty_images_are_refused(auth_client, settings):
    images = [SimpleUploadedFile(f"p{n}.png", picture(20, 20), "image/png") for n in range(21)]
    response = upload(auth_client, images=images)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "too_many_images"
    assert not Score.objects.exists()


def test_an_image_that_is_not_a_picture_is_refused(auth_client):
    bad = SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\ngarbage", "image/png")
    assert upload(auth_client, images=[bad]).status_code == 415


def test_files_beyond_the_size_limit_are_a_413(auth_client, settings):
    settings.SCORES_MAX_FILE_BYTES = 100
    response = upload(auth_client, file=pdf_file())
    assert response.status_code == 413
    assert response.json()["error"]["details"]["limit"] == 100
    assert not Score.objects.exists()


def test_images_beyond_their_limits_are_a_413(auth_client, settings):
    settings.SCORES_MAX_IMAGES_TOTAL_BYTES = len(picture(50, 50)) + 10
    images = [SimpleUploadedFile(f"p{n}.png", picture(50, 50), "image/png") for n in range(2)]
    assert upload(auth_client, images=images).status_code == 413


def test_a_file_and_images_together_or_nothing_are_a_400(auth_client):
    image = SimpleUploadedFile("p.png", picture(20, 20), "image/png")
    assert upload(auth_client, file=pdf_file(), images=[image]).status_code == 400
    assert upload(auth_client, title="Nothing").status_code == 400


def test_bad_metadata_is_a_400_and_stores_nothing(auth_client):
    response = upload(auth_client, file=pdf_file(), difficulty_level=12, instrument="violin")
    assert response.status_code == 400
    assert {"difficultyLevel", "instrument"} <= set(response.json()["error"]["details"])
    assert not Score.objects.exists()


def test_anonymous_uploads_are_refused(api_client):
    assert upload(api_client, file=pdf_file()).status_code == 401


def test_uploads_use_the_upload_throttle(auth_client, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    # DRF binds the rates when the class is defined; patch them for this test only.
    rates = {**ScopedRateThrottle.THROTTLE_RATES, "upload": "1/hour"}
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", rates)
    assert upload(auth_client, file=pdf_file()).status_code == 201
    response = upload(auth_client, file=pdf_file())
    assert response.status_code == 429 and "Retry-After" in response
    assert auth_client.get("/api/scores").status_code == 200  # reads are not upload-throttled
