"""Favourites: visibility, idempotence, the list, the batch check and its limit."""

from __future__ import annotations

import pytest

from scores.models import ScoreFavorite
from tests.accounts.factories import UserFactory
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def favorite(client, score_id, method="put"):
    return getattr(client, method)(f"/api/scores/{score_id}/favorite")


def test_a_user_favourites_a_public_score_once(auth_client):
    score = ScoreFactory()
    first, second = favorite(auth_client, score.id), favorite(auth_client, score.id)
    assert first.status_code == second.status_code == 200
    assert first.json()["favorited"] is True and first.json()["scoreId"] == score.id
    assert first.json()["favoritedAt"] == second.json()["favoritedAt"]
    assert ScoreFavorite.objects.filter(user_id=auth_client.user.pk, score=score).count() == 1


def test_get_says_whether_the_score_is_a_favourite(auth_client):
    score = ScoreFactory()
    assert favorite(auth_client, score.id, "get").json()["favorited"] is False
    favorite(auth_client, score.id)
    assert favorite(auth_client, score.id, "get").json()["favorited"] is True


def test_delete_removes_the_favourite_and_is_idempotent(auth_client):
    score = ScoreFactory()
    favorite(auth_client, score.id)
    assert favorite(auth_client, score.id, "delete").status_code == 204
    assert favorite(auth_client, score.id, "delete").status_code == 204
    assert not ScoreFavorite.objects.filter(score=score).exists()


def test_another_users_private_score_cannot_be_favourited(auth_client):
    private = ScoreFactory(user_id=UserFactory().pk, visibility="private")
    for method in ("put", "get", "delete"):
        response = favorite(auth_client, private.id, method)
        assert response.status_code == 404, method
        assert response.json()["error"]["code"] == "score_not_found"
    assert not ScoreFavorite.objects.exists()


def test_an_unlisted_score_can_be_favourited_by_id_and_ones_own_private_score_too(auth_client):
    unlisted = ScoreFactory(user_id=UserFactory().pk, visibility="unlisted")
    mine = ScoreFactory(user_id=auth_client.user.pk, visibility="private")
    assert favorite(auth_client, unlisted.id).status_code == 200
    assert favorite(auth_client, mine.id).status_code == 200


def test_a_favourite_of_a_score_made_private_leaves_the_list_but_can_be_removed(auth_client):
    score = ScoreFactory(user_id=UserFactory().pk, visibility="public")
    favorite(auth_client, score.id)
    Score = type(score)
    Score.objects.filter(pk=score.pk).update(visibility="private")
    assert auth_client.get("/api/user/favorites").json()["total"] == 0
    assert favorite(auth_client, score.id, "delete").status_code == 204
    assert not ScoreFavorite.objects.exists()


def test_the_list_is_the_users_own_newest_first(auth_client, make_auth_client):
    older, newer = ScoreFactory(title="Older"), ScoreFactory(title="Newer")
    favorite(auth_client, older.id)
    favorite(auth_client, newer.id)
    favorite(make_auth_client(UserFactory()), ScoreFactory().id)
    body = auth_client.get("/api/user/favorites", {"limit": 1}).json()
    assert body["total"] == 2 and body["hasMore"] is True
    item = body["items"][0]
    assert item["scoreId"] == newer.id and item["score"]["title"] == "Newer"


def test_check_answers_for_each_id_in_order(auth_client):
    liked, other = ScoreFactory(), ScoreFactory()
    favorite(auth_client, liked.id)
    body = {"scoreIds": [other.id, liked.id, "score_missing", liked.id]}
    response = auth_client.post("/api/user/favorites/check", body, format="json")
    assert response.status_code == 200
    assert response.json()["items"] == [
        {"scoreId": other.id, "favorited": False},
        {"scoreId": liked.id, "favorited": True},
        {"scoreId": "score_missing", "favorited": False},
    ]


def test_check_accepts_a_hundred_ids_and_refuses_a_hundred_and_one(auth_client):
    ids = [f"score_{n}" for n in range(101)]
    ok = auth_client.post("/api/user/favorites/check", {"scoreIds": ids[:100]}, format="json")
    too_many = auth_client.post("/api/user/favorites/check", {"scoreIds": ids}, format="json")
    assert ok.status_code == 200 and len(ok.json()["items"]) == 100
    assert too_many.status_code == 400
    assert "scoreIds" in too_many.json()["error"]["details"]


def test_check_needs_a_list(auth_client):
    response = auth_client.post("/api/user/favorites/check", {"scoreIds": "x"}, format="json")
    assert response.status_code == 400


def test_the_number_of_favourites_is_capped(auth_client, settings):
    settings.SCORES_FAVORITES_MAX = 2
    scores = [ScoreFactory() for _ in range(3)]
    assert favorite(auth_client, scores[0].id).status_code == 200
    assert favorite(auth_client, scores[1].id).status_code == 200
    refused = favorite(auth_client, scores[2].id)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "favorites_limit"
    assert favorite(auth_client, scores[1].id).status_code == 200  # an existing one is fine


def test_favourites_need_a_signed_in_user(api_client):
    assert api_client.put(f"/api/scores/{ScoreFactory().id}/favorite").status_code == 401
    assert api_client.get("/api/user/favorites").status_code == 401
