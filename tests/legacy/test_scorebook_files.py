"""The file URLs the original client builds itself (KU1 PDF download, KU2 and KU4 page
images, KU3 thumbnail): streamed with our caching headers after the visibility rule. An
<img> carries no token, so a private score's pages show to nobody there."""

from __future__ import annotations

import pytest

from scores.models import ScoreAnalytics
from tests.accounts.factories import UserFactory
from tests.legacy.scorebook_support import (
    BASE,
    DATABASES,
    PDF,
    WEBP,
    _media_root,  # noqa: F401
    expired_token,
    legacy_error,
    stored_page,
    stored_pdf,
    stored_thumbnail,
    with_token,
)
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=DATABASES)


def page_urls(score_id: str) -> list[str]:
    return [f"{BASE}/scores/{score_id}/pages/1", f"{BASE}/pdf/v2/render/{score_id}/page/1"]


def all_urls(score_id: str) -> list[str]:
    return [
        *page_urls(score_id),
        f"{BASE}/pdf/v2/thumbnail/{score_id}",
        f"{BASE}/scores/{score_id}/download/pdf",
    ]


def stored_score(**fields):
    score = ScoreFactory(**fields)
    stored_page(score)
    stored_thumbnail(score)
    stored_pdf(score)
    return score


def content(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("kind", ["pages", "render"])
def test_a_public_page_image_is_streamed_with_a_long_cache(api_client, kind):
    score = stored_score()
    url = dict(zip(["pages", "render"], page_urls(score.id), strict=True))[kind]
    response = api_client.get(url)
    assert response.status_code == 200
    assert content(response) == WEBP
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_thumbnail_is_streamed(api_client):
    score = stored_score()
    response = api_client.get(f"{BASE}/pdf/v2/thumbnail/{score.id}")
    assert (response.status_code, content(response)) == (200, WEBP)


def test_the_pdf_download_streams_the_original_and_counts_a_download(api_client):
    score = stored_score(slug="lagrima")
    response = api_client.get(f"{BASE}/scores/{score.id}/download/pdf")
    assert (response.status_code, content(response)) == (200, PDF)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="lagrima.pdf"'
    assert ScoreAnalytics.objects.get(score=score).download_count == 1


def test_a_matching_etag_is_a_304(api_client):
    score = stored_score()
    url = f"{BASE}/scores/{score.id}/download/pdf"
    etag = api_client.get(url)["ETag"]
    assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_an_unlisted_scores_files_show_without_a_token(api_client):
    score = stored_score(visibility="unlisted", user_id="someone")
    for url in all_urls(score.id):
        assert api_client.get(url).status_code == 200, url


def test_a_private_scores_files_are_a_404_without_a_token(api_client):
    score = stored_score(visibility="private", user_id="someone")
    for url in all_urls(score.id):
        legacy_error(api_client.get(url), 404)


def test_another_users_private_files_are_a_404_with_my_token(make_auth_client):
    score = stored_score(visibility="private", user_id="someone-else")
    client = make_auth_client(UserFactory())
    for url in all_urls(score.id):
        legacy_error(client.get(url), 404)


def test_the_owner_with_a_token_gets_private_files_privately_cached(make_auth_client):
    owner = UserFactory()
    score = stored_score(visibility="private", user_id=owner.pk)
    response = make_auth_client(owner).get(f"{BASE}/scores/{score.id}/download/pdf")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("token", ["garbage", "expired"])
def test_a_bad_or_expired_token_is_anonymous_for_files(api_client, settings, token):
    owner = UserFactory()
    public = stored_score()
    private = stored_score(visibility="private", user_id=owner.pk)
    with_token(api_client, expired_token(settings, owner) if token == "expired" else token)
    assert api_client.get(page_urls(public.id)[0]).status_code == 200
    legacy_error(api_client.get(page_urls(private.id)[0]), 404)


def test_a_page_that_is_not_rendered_yet_is_a_404(api_client):
    score = ScoreFactory()
    legacy_error(api_client.get(f"{BASE}/scores/{score.id}/pages/3"), 404)
    legacy_error(api_client.get(f"{BASE}/pdf/v2/thumbnail/{score.id}"), 404)


def test_a_score_without_a_pdf_has_no_download(api_client):
    score = ScoreFactory(source_type="multi-image")
    legacy_error(api_client.get(f"{BASE}/scores/{score.id}/download/pdf"), 404)
