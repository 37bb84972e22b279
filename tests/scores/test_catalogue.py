"""GET /api/scores: filters, text search, ordering, pagination, and the visibility rule."""

from __future__ import annotations

import pytest

from tests.accounts.factories import UserFactory
from tests.scores.factories import ScoreAnalyticsFactory, ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def ids(response):
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["items"]]


def test_the_list_answers_the_pagination_envelope(api_client):
    ScoreFactory.create_batch(3)
    body = api_client.get("/api/scores", {"limit": 2}).json()
    assert (
        body["total"] == 3
        and body["limit"] == 2
        and body["offset"] == 0
        and body["hasMore"] is True
    )
    assert {"id", "title", "composer", "difficultyLevel", "thumbnailUrl", "isOwner"} <= set(
        body["items"][0]
    )


def test_an_instrument_filter_also_matches_scores_for_both(api_client):
    piano = ScoreFactory(instrument="piano")
    both = ScoreFactory(instrument="both")
    ScoreFactory(instrument="guitar")
    assert set(ids(api_client.get("/api/scores", {"instrument": "piano"}))) == {piano.id, both.id}


def test_difficulty_levels_period_grade_and_duration_filter(api_client):
    match = ScoreFactory(
        difficulty="intermediate",
        difficulty_level=5,
        style_period="romantic",
        grade_level="RCM 5",
        duration_seconds=180,
    )
    ScoreFactory(difficulty="intermediate", difficulty_level=8, style_period="romantic")
    ScoreFactory(difficulty="beginner", difficulty_level=5, style_period="romantic")
    ScoreFactory(difficulty="intermediate", difficulty_level=5, style_period="baroque")
    ScoreFactory(
        difficulty="intermediate", difficulty_level=5, style_period="romantic", duration_seconds=900
    )
    query = {
        "difficulty": "intermediate",
        "minLevel": 4,
        "maxLevel": 6,
        "stylePeriod": "romantic",
        "gradeLevel": "rcm 5",
        "maxDuration": 200,
    }
    assert ids(api_client.get("/api/scores", query)) == [match.id]


def test_a_composer_filter_accepts_variants_of_the_name(api_client):
    bach = ScoreFactory(composer="Johann Sebastian Bach")
    ScoreFactory(composer="Carl Czerny")
    assert ids(api_client.get("/api/scores", {"composer": "J.S. Bach"})) == [bach.id]
    assert ids(api_client.get("/api/scores", {"composer": "bach"})) == [bach.id]


def test_tags_match_any_of_the_given_tags(api_client):
    waltz = ScoreFactory(tags=["Waltz", "dance"])
    study = ScoreFactory(tags=["study"])
    ScoreFactory(tags=["nocturne"])
    assert set(ids(api_client.get("/api/scores", {"tags": "waltz,study"}))) == {waltz.id, study.id}


def test_text_search_ignores_accents_and_case_and_ranks_title_matches_first(api_client):
    by_composer = ScoreFactory(title="Study in E", composer="Francisco Tárrega")
    by_title = ScoreFactory(title="Homage to Tarrega", composer="Someone Else")
    ScoreFactory(title="Unrelated", composer="Carl Czerny")
    assert ids(api_client.get("/api/scores", {"q": "TARREGA"})) == [by_title.id, by_composer.id]


def test_text_search_covers_opus_and_tags_and_needs_every_word(api_client):
    opus = ScoreFactory(title="Sonata", opus="Op. 27 No. 2")
    tagged = ScoreFactory(title="Piece", tags=["moonlight"])
    assert ids(api_client.get("/api/scores", {"q": "op. 27"})) == [opus.id]
    assert ids(api_client.get("/api/scores", {"q": "moonlight"})) == [tagged.id]
    assert ids(api_client.get("/api/scores", {"q": "sonata moonlight"})) == []


def test_difficulty_orders_in_musical_order_not_alphabetically(api_client):
    advanced = ScoreFactory(difficulty="advanced", difficulty_level=9)
    beginner = ScoreFactory(difficulty="beginner", difficulty_level=1)
    intermediate = ScoreFactory(difficulty="intermediate", difficulty_level=5)
    expected = [beginner.id, intermediate.id, advanced.id]
    assert ids(api_client.get("/api/scores", {"ordering": "difficulty"})) == expected
    assert ids(api_client.get("/api/scores", {"ordering": "-difficulty"})) == expected[::-1]


def test_popularity_orders_by_views_plus_downloads(api_client):
    quiet = ScoreFactory()
    loud = ScoreFactory()
    ScoreAnalyticsFactory(score=loud, view_count=3, download_count=4)
    ScoreAnalyticsFactory(score=quiet, view_count=5)
    assert ids(api_client.get("/api/scores", {"ordering": "-popularity"})) == [loud.id, quiet.id]


def test_title_and_created_orderings(api_client):
    b = ScoreFactory(title="Bourrée")
    a = ScoreFactory(title="Air")
    assert ids(api_client.get("/api/scores", {"ordering": "title"})) == [a.id, b.id]
    assert ids(api_client.get("/api/scores")) == [a.id, b.id]  # newest first by default


@pytest.mark.parametrize(
    "query",
    [
        {"minLevel": 0},
        {"maxLevel": 11},
        {"minLevel": 6, "maxLevel": 2},
        {"instrument": "violin"},
        {"ordering": "price"},
        {"stylePeriod": "jazz"},
        {"limit": "x"},
        {"maxDuration": -1},
    ],
)
def test_bad_filters_are_a_400_naming_the_parameter(api_client, query):
    response = api_client.get("/api/scores", query)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_unlisted_and_others_private_scores_never_appear_in_lists(api_client, auth_client):
    public = ScoreFactory(title="Shared")
    other = UserFactory()
    ScoreFactory(title="Shared secret", visibility="private", user_id=other.pk)
    ScoreFactory(title="Shared by link", visibility="unlisted", user_id=other.pk)
    assert ids(auth_client.get("/api/scores", {"q": "shared"})) == [public.id]
    assert ids(api_client.get("/api/scores", {"q": "shared"})) == [public.id]


def test_owners_find_their_private_uploads_and_can_list_only_theirs(auth_client):
    ScoreFactory(title="Public piece")
    mine = ScoreFactory(title="My piece", visibility="private", user_id=auth_client.user.pk)
    assert ids(auth_client.get("/api/scores", {"mine": "true"})) == [mine.id]
    listed = auth_client.get("/api/scores").json()["items"]
    assert {item["id"]: item["isOwner"] for item in listed}[mine.id] is True


def text_search(api_client, **params):
    response = api_client.get("/api/scores", {"q": "etude", **params})
    assert response.status_code == 200, response.json()
    return response.json()


def test_a_text_search_page_counts_every_match_not_only_its_own(api_client):
    ScoreFactory.create_batch(5, title="Étude")
    ScoreFactory(title="Waltz")
    body = text_search(api_client, limit=2)
    assert body["total"] == 5 and len(body["items"]) == 2 and body["hasMore"] is True
    assert "total" not in body["items"][0]


def test_a_text_search_page_past_the_end_still_counts_the_matches(api_client):
    ScoreFactory.create_batch(3, title="Étude")
    body = text_search(api_client, limit=2, offset=10)
    assert body["total"] == 3 and body["items"] == [] and body["hasMore"] is False


def test_a_text_search_without_matches_counts_none(api_client):
    ScoreFactory(title="Waltz")
    body = text_search(api_client)
    assert body["total"] == 0 and body["items"] == []


def test_a_text_search_counts_only_what_the_viewer_may_see(api_client):
    ScoreFactory(title="Étude")
    ScoreFactory(title="Étude", visibility="private", user_id=UserFactory().pk)
    assert text_search(api_client)["total"] == 1


def test_a_text_search_with_a_limit_of_zero_answers_the_total_alone(api_client):
    ScoreFactory.create_batch(2, title="Étude")
    body = text_search(api_client, limit=0)
    assert body["total"] == 2 and body["items"] == []
