"""The original client's uploads (K22 `/api/import/pdf` multipart, K24 `/api/import/images`
with data: URLs, K23 `/api/import` with a data: URL): the same content checks, limits,
service and throttle as our own upload; a web address is never fetched."""

from __future__ import annotations

import base64
import json
import socket

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.throttling import ScopedRateThrottle

from scores.models import Score, ScoreVersion
from tests.accounts.factories import UserFactory
from tests.legacy.scorebook_support import (
    BASE,
    DATABASES,
    _media_root,  # noqa: F401
    data_of,
    legacy_error,
)
from tests.scores.samples import picture, text_pdf

pytestmark = pytest.mark.django_db(databases=DATABASES)


@pytest.fixture
def owner():
    return UserFactory()


@pytest.fixture
def client(owner, make_auth_client):
    return make_auth_client(owner)


def data_url(content: bytes, media_type: str = "application/pdf") -> str:
    return f"data:{media_type};base64,{base64.b64encode(content).decode()}"


def pdf_upload(client, content: bytes, metadata: object = None):
    form = {"file": SimpleUploadedFile("nocturne.pdf", content, "application/pdf")}
    if metadata is not None:
        form["metadata"] = metadata if isinstance(metadata, str) else json.dumps(metadata)
    return client.post(f"{BASE}/import/pdf", form, format="multipart")


# --- K22 ----------------------------------------------------------------------------------------


def test_a_pdf_upload_answers_the_new_score(client, owner):
    data = data_of(pdf_upload(client, text_pdf(["one"]), {"title": "Nocturne"}), 201)
    assert (data["title"], data["source_type"], data["processing_status"]) == (
        "Nocturne",
        "pdf",
        "pending",
    )
    score = Score.objects.get(pk=data["id"])
    assert (score.user_id, score.visibility) == (owner.pk, "private")
    assert ScoreVersion.objects.get(score=score).format == "pdf"


def test_metadata_keys_our_scores_do_not_have_are_dropped(client):
    metadata = {"title": "Nocturne", "id": "forged", "source": "imslp", "opus": None}
    data = data_of(pdf_upload(client, text_pdf(["one"]), metadata), 201)
    assert data["id"] != "forged"
    assert (data["source"], data["opus"]) == ("upload", "")


def test_metadata_still_passes_our_checks(client):
    legacy_error(pdf_upload(client, text_pdf(["one"]), {"difficulty": "impossible"}), 400)
    assert not Score.objects.exists()


@pytest.mark.parametrize("metadata", ["{not json", "[1, 2]"])
def test_metadata_that_is_not_a_json_object_is_the_original_400(client, metadata):
    assert "metadata" in legacy_error(pdf_upload(client, text_pdf(["one"]), metadata), 400)


def test_a_file_that_is_not_a_pdf_is_refused_by_its_content(client):
    legacy_error(pdf_upload(client, b"<html>not a score</html>"), 415)
    assert not Score.objects.exists()


def test_a_pdf_over_the_limit_is_a_413(client, settings):
    settings.SCORES_MAX_FILE_BYTES = 100
    legacy_error(pdf_upload(client, text_pdf(["one", "two", "three"])), 413)


def test_uploading_needs_a_signed_in_user(api_client):
    legacy_error(pdf_upload(api_client, text_pdf(["one"])), 401)
    assert not Score.objects.exists()


def test_uploads_share_our_upload_throttle(client, monkeypatch):
    rates = {**ScopedRateThrottle.THROTTLE_RATES, "upload": "1/hour"}
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", rates)
    data_of(pdf_upload(client, text_pdf(["one"])), 201)
    body = {"images": [{"filename": "p.png", "data": data_url(picture(), "image/png")}]}
    legacy_error(client.post(f"{BASE}/import/images", body, format="json"), 429)
    # The same counter as our own upload: the REST endpoint is spent as well.
    form = {"file": SimpleUploadedFile("x.pdf", text_pdf(["one"]))}
    assert client.post("/api/scores", form, format="multipart").status_code == 429


# --- K24 ----------------------------------------------------------------------------------------


def images_body(*pictures: bytes, **fields):
    images = [
        {"filename": f"page-{n}.png", "data": data_url(content, "image/png")}
        for n, content in enumerate(pictures, start=1)
    ]
    return {"images": images, **fields}


def test_images_are_decoded_into_a_multi_image_score(client, owner):
    body = images_body(picture(label="1"), picture(fmt="JPEG", label="2"), title="Etude")
    data = data_of(client.post(f"{BASE}/import/images", body, format="json"), 201)
    assert (data["title"], data["source_type"]) == ("Etude", "multi-image")
    version = ScoreVersion.objects.get(score_id=data["id"])
    assert len(version.source_keys) == 2
    assert Score.objects.get(pk=data["id"]).user_id == owner.pk


def test_an_image_whose_bytes_are_not_a_picture_is_a_415(client):
    body = {"images": [{"filename": "page.png", "data": data_url(b"GIF89a-ish", "image/png")}]}
    legacy_error(client.post(f"{BASE}/import/images", body, format="json"), 415)
    assert not Score.objects.exists()


@pytest.mark.parametrize(
    "image",
    [
        {"filename": "p.png", "data": "https://example.org/p.png"},
        {"filename": "p.png", "data": "data:image/png,notbase64"},
        {"filename": "p.png", "data": "data:image/png;base64,@@@"},
        "data:image/png;base64,AAAA",
    ],
)
def test_an_image_that_is_not_a_base64_data_url_is_the_original_400(client, image):
    legacy_error(client.post(f"{BASE}/import/images", {"images": [image]}, format="json"), 400)


@pytest.mark.parametrize("body", [{}, {"images": []}, {"images": "nope"}])
def test_no_images_is_the_original_400(client, body):
    legacy_error(client.post(f"{BASE}/import/images", body, format="json"), 400)


def test_more_images_than_allowed_is_a_400(client, settings):
    settings.SCORES_MAX_IMAGES = 2
    body = images_body(picture(), picture(), picture())
    assert "2" in legacy_error(client.post(f"{BASE}/import/images", body, format="json"), 400)
    assert not Score.objects.exists()


def test_images_over_the_total_limit_are_a_413(client, settings):
    settings.SCORES_MAX_IMAGES_TOTAL_BYTES = 1000
    body = images_body(picture(), picture())
    legacy_error(client.post(f"{BASE}/import/images", body, format="json"), 413)


# --- K23 ----------------------------------------------------------------------------------------


def test_a_data_url_import_is_uploaded_as_a_file(client):
    body = {"url": data_url(text_pdf(["one"])), "filename": "Gymnopedie.pdf"}
    response = client.post(f"{BASE}/import", body, format="json")
    data = data_of(response, 201)
    assert response.json()["data"]["title"] == "Gymnopedie" == data["title"]
    assert data["source_type"] == "pdf"


def test_a_data_url_that_is_not_a_pdf_is_a_415(client):
    body = {"url": data_url(b"plain text, really")}
    legacy_error(client.post(f"{BASE}/import", body, format="json"), 415)


def test_a_web_address_is_refused_and_never_fetched(client, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the server must not fetch the address")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    body = {"url": "https://imslp.org/files/some.pdf"}
    message = legacy_error(client.post(f"{BASE}/import", body, format="json"), 400)
    assert "web address" in message
    assert not Score.objects.exists()


@pytest.mark.parametrize("body", [{}, {"url": 42}, {"url": "ftp://host/file.pdf"}])
def test_a_missing_or_odd_url_is_the_original_400(client, body):
    legacy_error(client.post(f"{BASE}/import", body, format="json"), 400)
