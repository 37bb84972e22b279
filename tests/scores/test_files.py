"""Files, page images and thumbnails: served through views that apply the visibility rule,
with ETags, long caching for public files and Cache-Control: private for private ones."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from scores.models import ScoreAnalytics
from tests.accounts.factories import UserFactory
from tests.scores.factories import ScoreFactory, ScorePageFactory, ScoreVersionFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])
PDF = b"%PDF-1.4 stored"


def stored_version(**score_fields):
    score = ScoreFactory(**score_fields)
    version = ScoreVersionFactory(score=score, content_type="application/pdf", sha256="abc123")
    default_storage.save(version.file.name, ContentFile(PDF))
    return score, version


def test_a_public_file_is_served_with_a_long_cache_and_counts_a_download(api_client):
    score, version = stored_version()
    response = api_client.get(f"/api/scores/{score.id}/file/{version.id}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["ETag"] == '"abc123"'
    assert ScoreAnalytics.objects.get(score=score).download_count == 1


def test_a_matching_etag_gets_a_304_without_counting(api_client):
    score, version = stored_version()
    response = api_client.get(
        f"/api/scores/{score.id}/file/{version.id}", HTTP_IF_NONE_MATCH='"abc123"'
    )
    assert response.status_code == 304
    assert not ScoreAnalytics.objects.filter(score=score).exists()


def test_a_private_file_is_hidden_from_others_and_private_to_its_owner(
    api_client, make_auth_client
):
    owner = UserFactory()
    score, version = stored_version(visibility="private", user_id=owner.pk)
    url = f"/api/scores/{score.id}/file/{version.id}"
    assert api_client.get(url).status_code == 404
    assert make_auth_client(UserFactory()).get(url).status_code == 404
    response = make_auth_client(owner).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_a_version_of_another_score_is_a_404(api_client):
    score, _ = stored_version()
    _, other_version = stored_version()
    assert api_client.get(f"/api/scores/{score.id}/file/{other_version.id}").status_code == 404


def test_page_images_and_thumbnails_follow_the_rule(api_client, make_auth_client):
    owner = UserFactory()
    score = ScoreFactory(visibility="private", user_id=owner.pk)
    page = ScorePageFactory(score=score, page_number=1, mime_type="image/webp")
    default_storage.save(page.image.name, ContentFile(b"RIFF0000WEBP"))
    score.thumbnail = default_storage.save(
        f"scores/{score.id}/thumbnail.webp", ContentFile(b"RIFF")
    )
    score.save()
    for path in (f"/api/scores/{score.id}/pages/1/image", f"/api/scores/{score.id}/thumbnail"):
        assert api_client.get(path).status_code == 404
        response = make_auth_client(owner).get(path, HTTP_ACCEPT="application/json")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/webp"
        assert response["Cache-Control"].startswith("private")


def test_a_missing_page_or_thumbnail_is_a_404(api_client):
    score = ScoreFactory()
    assert (
        api_client.get(f"/api/scores/{score.id}/pages/3/image").json()["error"]["code"]
        == "page_not_found"
    )
    assert (
        api_client.get(f"/api/scores/{score.id}/thumbnail").json()["error"]["code"]
        == "file_not_found"
    )
