"""The original client's score reads (K1 list and search, K2 detail, K6 library, K19
metadata, K20 render status) in its shapes: `response.data.data`, snake_case score fields,
parameters translated to our catalogue's, the visibility rule everywhere."""

from __future__ import annotations

import pytest

from scores.models import ScoreAnalytics
from tests.accounts.factories import UserFactory
from tests.legacy.scorebook_support import (
    BASE,
    DATABASES,
    _media_root,  # noqa: F401
    data_of,
    expired_token,
    legacy_error,
    stored_page,
    stored_thumbnail,
    with_token,
)
from tests.scores.factories import CollectionFactory, CollectionMemberFactory, ScoreFactory

pytestmark = pytest.mark.django_db(databases=DATABASES)


def titles(page: dict) -> list[str]:
    return [item["title"] for item in page["items"]]


def test_the_list_is_wrapped_with_snake_case_scores(api_client):
    ScoreFactory(title="Lagrima", difficulty_level=3, time_signature="3/4", page_count=2)
    page = data_of(api_client.get(f"{BASE}/scores"))
    assert (page["total"], page["limit"], page["offset"], page["hasMore"]) == (1, 20, 0, False)
    item = page["items"][0]
    assert item["difficulty_level"] == 3
    assert item["time_signature"] == "3/4"
    assert item["page_count"] == 2
    assert item["source_type"] == ""
    assert item["tags"] == [] and item["metadata"] == {}
    assert item["created_at"] == item["createdAt"] and item["created_at"].endswith("Z")
    assert "difficultyLevel" not in item


def test_query_becomes_our_text_search(api_client):
    ScoreFactory(title="Lagrima")
    ScoreFactory(title="Adelita")
    page = data_of(api_client.get(f"{BASE}/scores", {"query": "lagr"}))
    assert titles(page) == ["Lagrima"]


def test_tags_in_axios_array_form_match_any_of_them(api_client):
    ScoreFactory(title="Study", tags=["etude"])
    ScoreFactory(title="Waltz", tags=["dance"])
    ScoreFactory(title="Prelude", tags=["other"])
    page = data_of(api_client.get(f"{BASE}/scores?tags[]=etude&tags[]=dance&sortBy=title"))
    assert titles(page) == ["Study", "Waltz"]


def test_sort_by_and_sort_order_become_our_ordering(api_client):
    for title in ("Bourree", "Allemande", "Courante"):
        ScoreFactory(title=title)
    ascending = data_of(api_client.get(f"{BASE}/scores", {"sortBy": "title", "sortOrder": "asc"}))
    descending = data_of(api_client.get(f"{BASE}/scores", {"sortBy": "title", "sortOrder": "desc"}))
    assert titles(ascending) == ["Allemande", "Bourree", "Courante"]
    assert titles(descending) == ["Courante", "Bourree", "Allemande"]


def test_limit_and_offset_page_the_list(api_client):
    for n in range(3):
        ScoreFactory(title=f"Piece {n}")
    page = data_of(api_client.get(f"{BASE}/scores", {"sortBy": "title", "limit": 2, "offset": 1}))
    assert titles(page) == ["Piece 1", "Piece 2"]
    assert (page["total"], page["hasMore"]) == (3, False)


@pytest.mark.parametrize(
    "params",
    [{"sortBy": "loudness"}, {"sortBy": "title", "sortOrder": "up"}, {"instrument": "tuba"}],
)
def test_a_bad_parameter_is_the_original_400(api_client, params):
    message = legacy_error(api_client.get(f"{BASE}/scores", params), 400)
    assert ":" in message  # names the parameter, as one line of text


def test_private_scores_of_another_user_are_never_listed(make_auth_client):
    owner, other = UserFactory(), UserFactory()
    ScoreFactory(title="Mine", visibility="private", user_id=owner.pk)
    ScoreFactory(title="Public")
    assert titles(data_of(make_auth_client(other).get(f"{BASE}/scores"))) == ["Public"]
    mine = data_of(make_auth_client(owner).get(f"{BASE}/scores", {"sortBy": "title"}))
    assert titles(mine) == ["Mine", "Public"]


@pytest.mark.parametrize("token", ["garbage", "expired"])
def test_a_bad_or_expired_token_reads_as_anonymous(api_client, settings, token):
    owner = UserFactory()
    ScoreFactory(title="Hidden", visibility="private", user_id=owner.pk)
    ScoreFactory(title="Public")
    with_token(api_client, expired_token(settings, owner) if token == "expired" else token)
    assert titles(data_of(api_client.get(f"{BASE}/scores"))) == ["Public"]


def test_a_curated_collections_tag_lists_its_members(api_client):
    collection = CollectionFactory(slug="sor-studies")
    for title in ("Second", "First"):
        CollectionMemberFactory(collection=collection, score=ScoreFactory(title=title))
    ScoreFactory(title="Not a member")
    page = data_of(api_client.get(f"{BASE}/scores?tags[]=collection:sor-studies"))
    assert sorted(titles(page)) == ["First", "Second"]
    assert page["total"] == 2


def test_a_private_member_of_a_curated_collection_stays_hidden(api_client):
    collection = CollectionFactory(slug="mixed")
    CollectionMemberFactory(collection=collection, score=ScoreFactory(title="Shown"))
    hidden = ScoreFactory(title="Hidden", visibility="private", user_id="someone")
    CollectionMemberFactory(collection=collection, score=hidden)
    assert titles(data_of(api_client.get(f"{BASE}/scores?tags[]=collection:mixed"))) == ["Shown"]


def test_the_detail_is_wrapped_and_counts_a_view(api_client):
    score = ScoreFactory(title="Lagrima", page_count=2, source_type="multi-image")
    data = data_of(api_client.get(f"{BASE}/scores/{score.id}"))
    assert (data["id"], data["title"], data["source_type"], data["page_count"]) == (
        score.id,
        "Lagrima",
        "multi-image",
        2,
    )
    assert data["metadata"] == {}
    assert ScoreAnalytics.objects.get(score=score).view_count == 1


def test_another_users_private_score_is_a_404_in_the_original_body(make_auth_client):
    score = ScoreFactory(visibility="private", user_id="someone-else")
    client = make_auth_client(UserFactory())
    for path in ("", "/metadata"):
        legacy_error(client.get(f"{BASE}/scores/{score.id}{path}"), 404)
    legacy_error(client.get(f"{BASE}/pdf/v2/render-status/{score.id}"), 404)


def test_an_unlisted_score_opens_by_id_for_anyone(api_client):
    score = ScoreFactory(visibility="unlisted", user_id="someone")
    assert data_of(api_client.get(f"{BASE}/scores/{score.id}"))["id"] == score.id


def test_the_owner_opens_their_private_score(make_auth_client):
    owner = UserFactory()
    score = ScoreFactory(visibility="private", user_id=owner.pk)
    assert data_of(make_auth_client(owner).get(f"{BASE}/scores/{score.id}"))["id"] == score.id


def test_the_library_lists_the_callers_own_scores_with_pagination(make_auth_client):
    owner = UserFactory()
    ScoreFactory(title="Private one", visibility="private", user_id=owner.pk)
    ScoreFactory(title="Unlisted one", visibility="unlisted", user_id=owner.pk)
    ScoreFactory(title="Catalogue")
    ScoreFactory(title="Someone else's", visibility="public", user_id="other")
    body = make_auth_client(owner).get(f"{BASE}/scores/user/library", {"sortBy": "title"}).json()
    assert body["success"] is True
    assert [s["title"] for s in body["data"]] == ["Private one", "Unlisted one"]
    assert body["pagination"] == {"total": 2, "limit": 50, "offset": 0, "hasMore": False}


def test_the_library_needs_a_signed_in_user(api_client):
    legacy_error(api_client.get(f"{BASE}/scores/user/library"), 401)


def test_the_library_with_an_expired_token_is_a_401(api_client, settings):
    with_token(api_client, expired_token(settings, UserFactory()))
    legacy_error(api_client.get(f"{BASE}/scores/user/library"), 401)


def test_metadata_gives_the_page_count(api_client):
    score = ScoreFactory(title="Lagrima", page_count=3)
    data = data_of(api_client.get(f"{BASE}/scores/{score.id}/metadata"))
    assert data == {"numPages": 3, "scoreId": score.id, "title": "Lagrima"}


def test_metadata_of_an_unprocessed_score_counts_no_pages(api_client):
    score = ScoreFactory(page_count=None)
    assert data_of(api_client.get(f"{BASE}/scores/{score.id}/metadata"))["numPages"] == 0


def test_render_status_lists_the_rendered_pages(api_client):
    score = ScoreFactory()
    for number in (1, 2):
        stored_page(score, number)
    stored_thumbnail(score)
    data = data_of(api_client.get(f"{BASE}/pdf/v2/render-status/{score.id}"))
    assert data == {
        "scoreId": score.id,
        "preRenderedPages": [1, 2],
        "preRenderedCount": 2,
        "hasThumbnail": True,
        "browserAvailable": False,
        "renderingEnabled": False,
    }


def test_an_unknown_path_is_the_original_404(api_client):
    legacy_error(api_client.get(f"{BASE}/scores/x/render"), 404)
