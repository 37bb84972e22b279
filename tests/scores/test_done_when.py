"""The issue's "done when": a new user uploads a PDF, the processor renders its pages and
thumbnail, the user files it in a collection and finds it by search; others cannot see it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from scores.models import Score, ScorePage
from tests.accounts.factories import UserFactory
from tests.scores.samples import text_pdf

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def test_an_upload_is_processed_filed_found_and_hidden_from_others(
    auth_client, make_auth_client, api_client
):
    pdf = SimpleUploadedFile("romance.pdf", text_pdf(["Romance", "Page two"]), "application/pdf")
    created = auth_client.post(
        "/api/scores",
        {"file": pdf, "title": "Romance Anónimo", "composer": "anon"},
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    score_id = created.json()["id"]
    assert created.json()["visibility"] == "private"
    assert created.json()["processingStatus"] == "pending"

    call_command("process_scores", stdout=__import__("io").StringIO())
    score = Score.objects.get(pk=score_id)
    assert score.processing_status == "completed" and score.page_count == 2
    assert ScorePage.objects.filter(score=score).count() == 2
    assert auth_client.get(f"/api/scores/{score_id}/thumbnail").status_code == 200
    image = auth_client.get(f"/api/scores/{score_id}/pages/1/image")
    assert image.status_code == 200 and image["Content-Type"] == "image/webp"
    assert image["Cache-Control"].startswith("private")

    default = auth_client.get("/api/user/collections").json()["items"][0]
    added = auth_client.post(f"/api/user/collections/{default['id']}/scores", {"scoreId": score_id})
    assert added.status_code == 200 and added.json()["scoreIds"] == [score_id]

    found = auth_client.get("/api/scores", {"q": "romance anonimo"}).json()
    assert [item["id"] for item in found["items"]] == [score_id]

    other = make_auth_client(UserFactory())
    assert other.get("/api/scores", {"q": "romance"}).json()["items"] == []
    assert other.get(f"/api/scores/{score_id}").status_code == 404
    assert api_client.get(f"/api/scores/{score_id}/pages/1/image").status_code == 404
    assert api_client.get(f"/api/scores/{score_id}/thumbnail").status_code == 404
