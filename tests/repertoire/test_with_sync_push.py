"""End to end with the sync engine: entries pushed by a device feed goals, repertoire
statistics and analytics, and a rename done here reaches that device's next pull."""

from __future__ import annotations

import pytest

from tests.repertoire.factories import GoalFactory, RepertoireFactory

pytestmark = pytest.mark.django_db(databases=["default"])


def _push(client, *entries):
    changes = [{"type": "logbook_entry", "id": e["id"], "data": e} for e in entries]
    response = client.post("/api/sync/push", {"changes": changes})
    assert response.status_code == 200, response.content
    return response.json()["cursor"]


def _entry(entry_id, **fields):
    return {
        "id": entry_id,
        "timestamp": "2025-03-01T10:00:00Z",
        "duration": 30,
        "type": "practice",
        "instrument": "Piano",
        "pieces": [{"title": "Prelude in C", "composer": "J.S. Bach"}],
        **fields,
    }


def test_pushed_entries_count_towards_goals_and_repertoire_statistics(auth_client):
    goal = GoalFactory(user=auth_client.user, type="practice_time", target_value=100)
    RepertoireFactory(user=auth_client.user, score_id="prelude in c-js bach")
    _push(auth_client, _entry("e1", goalIds=[goal.id]), _entry("e2", duration=15))
    goal_body = auth_client.get(f"/api/goals/{goal.id}").json()
    assert (goal_body["relatedSessions"], goal_body["currentValue"]) == (1, 30)
    item = auth_client.get("/api/repertoire/Prelude in C - J.S. Bach").json()
    assert (item["practiceCount"], item["totalPracticeTime"]) == (2, 45)
    summary = auth_client.get("/api/practice/summary").json()
    assert summary["byInstrument"] == [{"instrument": "piano", "minutes": 45, "entries": 2}]


def test_a_rename_reaches_the_devices_next_pull(auth_client):
    cursor = _push(auth_client, _entry("e1"))
    rename = {
        "oldPiece": {"title": "Prelude in C", "composer": "J.S. Bach"},
        "newPiece": {"title": "Prelude No. 1 in C", "composer": "J.S. Bach"},
    }
    assert auth_client.put("/api/pieces/rename", rename).json()["updatedCount"] == 1
    pulled = auth_client.get(f"/api/sync/pull?since={cursor}").json()
    [change] = [c for c in pulled["changes"] if c["id"] == "e1"]
    assert change["data"]["pieces"][0]["title"] == "Prelude No. 1 in C"
