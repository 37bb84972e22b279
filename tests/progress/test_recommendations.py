"""Recommendations on a small fixed catalogue: level, composer and period rules, exclusions."""

from __future__ import annotations

import pytest

from tests.accounts.factories import UserFactory
from tests.progress.factories import days_ago, log, repertoire
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def piece(title, level, composer="Fernando Sor", period="classical", **fields):
    return ScoreFactory(
        title=title, difficulty_level=level, composer=composer, style_period=period, **fields
    )


@pytest.fixture
def catalogue(auth_client):
    user = auth_client.user
    scores = {
        "polished": piece("Polished study", 3),
        "best": piece("B study", 4),
        "harder": piece("D study", 5),
        "other_composer": piece("C prelude", 4, "Francisco Tárrega", "romantic"),
        "both": piece("E choro", 4, "Heitor Villa-Lobos", "modern", instrument="both"),
        "piano": piece("A piano piece", 4, instrument="piano"),
        "learning": piece("Learning study", 4),
        "too_hard": piece("Concert study", 9),
        "private": piece("Hidden study", 4, user_id=UserFactory().pk, visibility="private"),
        "practised": piece("Practised study", 4),
        "own_upload": piece("My arrangement", 4, user_id=user.pk, visibility="private"),
    }
    repertoire(user, scores["polished"].id, "polished")
    repertoire(user, scores["learning"].id, "learning")
    for name in ("polished", "practised"):
        entry_piece = {"id": scores[name].id, "title": "x", "composer": "F. Sor"}
        log(user, days_ago(1), 30, instrument="guitar", pieces=[entry_piece])
    return scores


def recommended(client, **params):
    response = client.get("/api/scores/recommended", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_it_ranks_by_level_then_composer_then_period(auth_client, catalogue):
    body = recommended(auth_client)
    assert (body["instrument"], body["targetLevel"], body["basis"]) == ("guitar", 4, "polished")
    ids = [item["score"]["id"] for item in body["items"]]
    assert ids == [
        catalogue["best"].id,  # level 4, Sor, classical: 3 + 2 + 1
        catalogue["harder"].id,  # level 5, Sor, classical: 2 + 2 + 1
        catalogue["other_composer"].id,  # level 4 only: 3, "C" before "E"
        catalogue["both"].id,
    ]
    assert [item["points"] for item in body["items"]] == [6, 5, 3, 3]


def test_each_recommendation_says_why(auth_client, catalogue):
    best = recommended(auth_client)["items"][0]
    assert best["matched"] == ["level", "composer", "period"]
    assert "step above the pieces you have polished" in best["reason"]
    assert "Fernando Sor" in best["reason"] and "classical" in best["reason"]


def test_it_leaves_out_the_repertoire_practised_pieces_private_scores_and_uploads(
    auth_client, catalogue
):
    ids = {item["score"]["id"] for item in recommended(auth_client, limit=50)["items"]}
    for name in ("polished", "learning", "practised", "private", "own_upload", "too_hard"):
        assert catalogue[name].id not in ids, name


def test_a_free_repertoire_id_excludes_the_matching_catalogue_piece(auth_client, catalogue):
    repertoire(auth_client.user, "b study-fernando sor", "planned")
    ids = [item["score"]["id"] for item in recommended(auth_client)["items"]]
    assert catalogue["best"].id not in ids


def test_the_instrument_can_be_chosen(auth_client, catalogue):
    ids = [i["score"]["id"] for i in recommended(auth_client, instrument="piano")["items"]]
    assert catalogue["piano"].id in ids and catalogue["best"].id not in ids


def test_the_answer_is_the_same_every_time(auth_client, catalogue):
    assert recommended(auth_client) == recommended(auth_client)


def test_without_history_it_starts_at_a_beginners_level(auth_client):
    piece("Easy", 2)
    piece("Hard", 8)
    body = recommended(auth_client)
    assert (body["targetLevel"], body["basis"], body["instrument"]) == (2, "default", None)
    assert [item["score"]["title"] for item in body["items"]] == ["Easy"]


def test_the_limit_is_honoured(auth_client, catalogue):
    assert len(recommended(auth_client, limit=2)["items"]) == 2


@pytest.mark.parametrize("params", [{"instrument": "kazoo"}, {"limit": 0}, {"limit": 51}])
def test_bad_parameters_are_a_400(auth_client, params):
    assert auth_client.get("/api/scores/recommended", params).status_code == 400


def test_recommendations_need_a_signed_in_user(api_client):
    assert api_client.get("/api/scores/recommended").status_code == 401
