"""Per-piece progress for catalogue pieces."""

from __future__ import annotations

import pytest

from tests.accounts.factories import UserFactory
from tests.progress.factories import days_ago, log, repertoire, unlog
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def _piece(score, tempo=None):
    return {"id": score.id, "title": "as logged", "composer": "someone", "tempo": tempo}


def test_it_reports_times_accuracy_tempo_and_completion_per_catalogue_piece(auth_client):
    score = ScoreFactory(title="Study in B minor", composer="Fernando Sor")
    user = auth_client.user
    log(user, days_ago(3), 30, pieces=[_piece(score, 60)], metadata={"accuracy": 70})
    log(user, days_ago(2), 30, pieces=[_piece(score, 72), {"title": "Free piece"}])
    log(user, days_ago(1), 20, scoreId=score.id, metadata={"accuracy": 90})
    repertoire(user, score.id, "polished")
    body = auth_client.get("/api/progress/pieces").json()
    assert body["total"] == 1  # the free piece is not a catalogue piece
    row = body["items"][0]
    assert (row["scoreId"], row["title"], row["composer"]) == (
        score.id,
        "Study in B minor",
        "Fernando Sor",
    )
    assert row["timesPracticed"] == 3 and row["totalMinutes"] == 65
    assert (row["bestAccuracy"], row["averageAccuracy"], row["bestTempo"]) == (90, 80, 72)
    assert row["completed"] is True and row["repertoireStatus"] == "polished"


def test_a_deleted_entry_leaves_the_piece_progress(auth_client):
    score = ScoreFactory()
    keep = log(auth_client.user, days_ago(2), 30, pieces=[_piece(score)])
    gone = log(auth_client.user, days_ago(1), 30, pieces=[_piece(score, 100)])
    unlog(auth_client.user, gone)
    row = auth_client.get(f"/api/progress/pieces/{score.id}").json()
    assert row["timesPracticed"] == 1 and row["bestTempo"] is None
    assert row["lastPracticedAt"] is not None and keep


def test_a_visible_piece_never_practised_has_zero_progress(auth_client):
    score = ScoreFactory()
    row = auth_client.get(f"/api/progress/pieces/{score.id}").json()
    assert row["timesPracticed"] == 0 and row["completed"] is False


def test_another_users_private_score_is_a_404(auth_client):
    private = ScoreFactory(user_id=UserFactory().pk, visibility="private")
    response = auth_client.get(f"/api/progress/pieces/{private.id}")
    assert response.status_code == 404
    assert auth_client.get("/api/progress/pieces/not-a-catalogue-id").status_code == 404


def test_a_hidden_score_keeps_the_title_the_user_logged(auth_client):
    private = ScoreFactory(user_id=UserFactory().pk, visibility="private", title="Secret")
    piece = {"id": private.id, "title": "My name for it", "composer": "Me"}
    log(auth_client.user, days_ago(1), 10, pieces=[piece])
    row = auth_client.get("/api/progress/pieces").json()["items"][0]
    assert row["title"] == "My name for it"


def test_pieces_are_paginated_most_recent_first(auth_client):
    scores = [ScoreFactory() for _ in range(3)]
    for n, score in enumerate(scores):
        log(auth_client.user, days_ago(10 - n), 10, pieces=[_piece(score)])
    body = auth_client.get("/api/progress/pieces", {"limit": 2, "offset": 1}).json()
    assert [r["scoreId"] for r in body["items"]] == [scores[1].id, scores[0].id]
    assert body["total"] == 3 and body["hasMore"] is False
