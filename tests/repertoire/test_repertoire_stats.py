"""Each repertoire item carries practice statistics from live linked logbook entries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.repertoire.factories import LogbookEntryFactory, RepertoireFactory, entry_data

pytestmark = pytest.mark.django_db(databases=["default"])


def _log(user, *, at, minutes, **extra):
    return LogbookEntryFactory(user=user, data=entry_data(at=at, minutes=minutes, **extra))


def test_stats_count_entries_linked_by_score_id_or_piece_id(auth_client):
    user = auth_client.user
    RepertoireFactory(user=user, score_id="score_abc")
    _log(user, at="2025-01-01T10:00:00Z", minutes=20, scoreId="score_abc")
    _log(user, at="2025-01-03T10:00:00Z", minutes=40, pieces=[{"id": "score_abc", "title": "T"}])
    _log(user, at="2025-01-04T10:00:00Z", minutes=99, pieces=[{"id": "other-x", "title": "O"}])
    body = auth_client.get("/api/repertoire/score_abc").json()
    assert (body["practiceCount"], body["totalPracticeTime"], body["avgSessionDuration"]) == (
        2,
        60.0,
        30.0,
    )
    assert body["firstPracticed"].startswith("2025-01-01T10:00:00")
    assert body["lastPracticed"].startswith("2025-01-03T10:00:00")


def test_deleted_entries_and_other_users_entries_are_not_counted(auth_client):
    RepertoireFactory(user=auth_client.user, score_id="a-b")
    LogbookEntryFactory(
        user=auth_client.user,
        data=entry_data(at="2025-01-01T10:00:00Z", scoreId="a-b"),
        deleted=True,
    )
    _log(RepertoireFactory().user, at="2025-01-01T10:00:00Z", minutes=5, scoreId="a-b")
    assert auth_client.get("/api/repertoire/a-b").json()["practiceCount"] == 0


def test_stats_endpoint_lists_recent_sessions_newest_first(auth_client):
    user = auth_client.user
    RepertoireFactory(user=user, score_id="a-b")
    old = _log(user, at=1735725600000, minutes=10, scoreId="a-b", notes="first")  # epoch ms
    new = _log(user, at="2025-02-01T10:00:00Z", minutes=15, scoreId="A - B", notes="second")
    body = auth_client.get("/api/repertoire/a-b/stats").json()
    assert body["repertoire"]["scoreId"] == "a-b"
    assert body["stats"]["practiceCount"] == 2
    assert [s["entryId"] for s in body["stats"]["recentSessions"]] == [new.entity_id, old.entity_id]
    assert body["stats"]["recentSessions"][1]["timestamp"].startswith("2025-01-01T10:00:00")


def test_the_list_orders_by_last_practised(auth_client):
    user = auth_client.user
    for score_id in ("never-x", "old-x", "recent-x"):
        RepertoireFactory(user=user, score_id=score_id)
    _log(user, at="2024-01-01T10:00:00Z", minutes=5, scoreId="old-x")
    _log(user, at=datetime(2025, 1, 1, tzinfo=UTC), minutes=5, scoreId="recent-x")
    items = auth_client.get("/api/repertoire?orderBy=lastPracticed").json()["items"]
    assert [i["scoreId"] for i in items] == ["recent-x", "old-x", "never-x"]


def test_the_list_orders_by_last_update_by_default_and_paginates(auth_client):
    user = auth_client.user
    for n in range(3):
        auth_client.post("/api/repertoire", {"scoreId": f"p{n}-x"})
    auth_client.patch("/api/repertoire/p0-x", {"personalNotes": "touched"})
    body = auth_client.get("/api/repertoire?limit=2").json()
    assert [i["scoreId"] for i in body["items"]] == ["p0-x", "p2-x"]
    assert (body["total"], body["hasMore"]) == (3, True)
    assert user.repertoire.count() == 3
