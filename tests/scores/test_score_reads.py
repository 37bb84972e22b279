"""Detail (with its view counter), random, popular, versions and pages: one visibility rule."""

from __future__ import annotations

import pytest

from scores.models import ScoreAnalytics
from tests.accounts.factories import UserFactory
from tests.scores.factories import (
    ScoreAnalyticsFactory,
    ScoreFactory,
    ScorePageFactory,
    ScoreVersionFactory,
)

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


@pytest.fixture
def owner():
    return UserFactory()


@pytest.fixture
def private(owner):
    return ScoreFactory(visibility="private", user_id=owner.pk, title="Secret")


def test_detail_counts_each_view_atomically(api_client):
    score = ScoreFactory()
    api_client.get(f"/api/scores/{score.id}")
    body = api_client.get(f"/api/scores/{score.id}").json()
    assert body["viewCount"] == 2
    assert ScoreAnalytics.objects.get(score=score).view_count == 2


def test_a_private_score_is_a_404_for_others_and_anonymous(api_client, make_auth_client, private):
    for client in (api_client, make_auth_client(UserFactory())):
        response = client.get(f"/api/scores/{private.id}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "score_not_found"
    assert not ScoreAnalytics.objects.filter(score=private).exists()


def test_the_owner_and_staff_open_a_private_score(make_auth_client, owner, private):
    assert make_auth_client(owner).get(f"/api/scores/{private.id}").json()["isOwner"] is True
    staff = make_auth_client(UserFactory(is_staff=True))
    assert staff.get(f"/api/scores/{private.id}").status_code == 200


def test_an_unlisted_score_opens_by_id_for_anyone(api_client, owner):
    unlisted = ScoreFactory(visibility="unlisted", user_id=owner.pk)
    assert api_client.get(f"/api/scores/{unlisted.id}").status_code == 200


def test_random_picks_only_visible_scores_matching_the_filters(api_client, private):
    guitar = ScoreFactory(instrument="guitar", difficulty="advanced")
    ScoreFactory(instrument="piano", difficulty="advanced")
    for _ in range(5):
        response = api_client.get(
            "/api/scores/random", {"instrument": "guitar", "difficulty": "advanced"}
        )
        assert response.json()["id"] == guitar.id


def test_random_with_no_match_is_a_404(api_client, private):
    response = api_client.get("/api/scores/random", {"q": "secret"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "no_match"


def test_popular_ranks_visible_scores_by_views_and_downloads(api_client, private):
    low, high = ScoreFactory(), ScoreFactory()
    ScoreAnalyticsFactory(score=low, view_count=1)
    ScoreAnalyticsFactory(score=high, view_count=2, download_count=5)
    ScoreAnalyticsFactory(score=private, view_count=100)
    items = api_client.get("/api/scores/popular").json()["items"]
    assert [item["id"] for item in items] == [high.id, low.id]


def test_versions_and_pages_follow_the_visibility_rule(
    api_client, make_auth_client, owner, private
):
    ScoreVersionFactory(score=private)
    ScorePageFactory(score=private, page_number=1)
    assert api_client.get(f"/api/scores/{private.id}/versions").status_code == 404
    assert api_client.get(f"/api/scores/{private.id}/pages").status_code == 404
    client = make_auth_client(owner)
    [version] = client.get(f"/api/scores/{private.id}/versions").json()
    assert version["fileUrl"] == f"/api/scores/{private.id}/file/{version['id']}"
    [page] = client.get(f"/api/scores/{private.id}/pages").json()
    assert page["imageUrl"] == f"/api/scores/{private.id}/pages/1/image"


def test_an_unknown_score_or_page_is_a_404_everywhere(api_client):
    score = ScoreFactory()
    assert api_client.get(f"/api/scores/{score.id}/pages/{10**30}/image").status_code == 404
    for path in (
        "",
        "/versions",
        "/pages",
        "/thumbnail",
        "/pages/1/image",
        "/file/x",
        f"/pages/{10**30}/image",
    ):
        assert api_client.get(f"/api/scores/score_missing{path}").status_code == 404


def test_a_processing_error_is_shown_to_the_uploader_only(make_auth_client):
    owner, other = UserFactory(), UserFactory()
    score = ScoreFactory(user_id=owner.pk, visibility="public")
    ScoreVersionFactory(
        score=score, processing_status="failed", processing_error="pdfium: bad xref"
    )
    url = f"/api/scores/{score.id}/versions"
    assert make_auth_client(owner).get(url).json()[0]["processingError"] == "pdfium: bad xref"
    assert make_auth_client(other).get(url).json()[0]["processingError"] == ""
