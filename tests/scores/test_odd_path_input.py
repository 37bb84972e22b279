"""Client mistakes in paths and query strings: a 4xx in the envelope, never a database error.
PostgreSQL refuses NUL characters in a query, so these guard the PostgreSQL run."""

from __future__ import annotations

import pytest

from scores.models import Collection, Score, ScoreFavorite, UserCollection
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])

NUL_PATHS = [
    "/api/scores/a%00b",
    "/api/scores/a%00b/versions",
    "/api/scores/a%00b/pages",
    "/api/scores/a%00b/thumbnail",
    "/api/scores/a%00b/file/v%00",
    "/api/scores/a%00b/collections",
    "/api/scores/a%00b/favorite",
    "/api/user/collections/a%00b",
    "/api/user/collections/a%00b/scores",
]


@pytest.mark.parametrize("url", NUL_PATHS)
def test_an_id_holding_a_nul_character_is_a_json_404(auth_client, url):
    response = auth_client.get(url)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_deleting_a_favourite_of_an_id_holding_a_nul_is_a_404_that_changes_nothing(auth_client):
    response = auth_client.delete("/api/scores/a%00b/favorite")

    assert response.status_code == 404
    assert not ScoreFavorite.objects.exists()


def test_adding_to_a_collection_whose_id_holds_a_nul_is_a_404_that_stores_nothing(auth_client):
    score = ScoreFactory()

    response = auth_client.post(
        "/api/user/collections/a%00b/scores", {"scoreId": score.id}, format="json"
    )

    assert response.status_code == 404
    assert not UserCollection.objects.exists()
    assert Score.objects.count() == 1 and Collection.objects.count() == 0


def test_a_tag_filter_holding_a_nul_is_a_400_naming_tags(api_client):
    ScoreFactory(tags=["etude"])

    response = api_client.get("/api/scores?tags=et%00ude")

    assert response.status_code == 400
    assert "tags" in response.json()["error"]["details"]


def test_a_tag_filter_longer_than_its_limit_is_a_400_however_few_tags_it_holds(api_client):
    response = api_client.get("/api/scores?tags=" + "x" * 501)

    assert response.status_code == 400
    assert "tags" in response.json()["error"]["details"]


def test_an_empty_tag_filter_filters_nothing(api_client):
    score = ScoreFactory(tags=["etude"])

    response = api_client.get("/api/scores?tags=")

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [score.id]
