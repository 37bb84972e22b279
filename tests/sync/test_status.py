"""GET /api/sync/status: last sync, cursor, devices, live counts by type, conflicts."""

from __future__ import annotations

import pytest

from tests.sync.client import change, position, pull, push

pytestmark = pytest.mark.django_db(databases=["default"])


def test_it_answers_an_empty_state_for_a_new_user(auth_client):
    body = auth_client.get("/api/sync/status").json()
    assert body["lastSyncTime"] is None
    assert (body["deviceCount"], body["devices"], body["entityCounts"]) == (0, [], {})
    assert body["conflictCount"] == 0
    assert pull(auth_client, body["cursor"]).status_code == 200


def test_it_reports_devices_counts_by_type_and_conflicts(auth_client):
    push(auth_client, [change("goal", "g1", {"updatedAt": "2025-01-02T00:00:00Z"})], device="phone")
    push(auth_client, [change("logbook_entry", "e1", deleted=True)], device="laptop")
    push(auth_client, [change("practice_plan", "p1", {})], device="phone")
    push(auth_client, [change("goal", "g1", {"updatedAt": "2025-01-01T00:00:00Z"}, baseVersion=0)])
    body = auth_client.get("/api/sync/status").json()
    assert body["lastSyncTime"] is not None
    assert body["deviceCount"] == 2
    assert [d["id"] for d in body["devices"]] == ["phone", "laptop"]
    assert body["lastDeviceId"] == "phone"
    assert body["entityCounts"] == {"goal": 1, "practice_plan": 1}
    assert body["conflictCount"] == 1
    # The same feed position as a pull's cursor (issued maybe a second later).
    assert position(body["cursor"]) == position(pull(auth_client).json()["cursor"])


def test_it_requires_authentication(api_client):
    assert api_client.get("/api/sync/status").status_code == 401
