"""A stale change (baseVersion older than stored) is a conflict: the later updatedAt wins,
arrival breaks ties, both sides are reported and the conflict is counted."""

from __future__ import annotations

import pytest

from sync.models import SyncData, SyncMetadata
from tests.sync.client import change, push

pytestmark = pytest.mark.django_db(databases=["default"])


def goal(title: str, updated_at: str | None = None, **extra):
    data = {"id": "g1", "title": title}
    if updated_at:
        data["updatedAt"] = updated_at
    return change("goal", "g1", data, **extra)


@pytest.fixture
def at_version_2(auth_client):
    push(auth_client, [goal("v1", "2025-01-01T00:00:00Z")])
    push(auth_client, [goal("v2", "2025-01-02T00:00:00Z", baseVersion=1)])
    return auth_client


def stored_title(client) -> str:
    return SyncData.objects.get(user=client.user, entity_id="g1").data["title"]


def test_a_stale_change_with_an_older_updated_at_keeps_the_server_edit(at_version_2):
    response = push(at_version_2, [goal("stale", "2025-01-01T12:00:00Z", baseVersion=1)])
    body = response.json()
    assert response.status_code == 200
    assert body["results"][0] == {
        "type": "goal",
        "id": "g1",
        "status": "conflict",
        "version": 2,
        "seq": 2,
    }
    assert body["conflicts"] == [
        {
            "type": "goal",
            "id": "g1",
            "serverVersion": 2,
            "serverData": {"id": "g1", "title": "v2", "updatedAt": "2025-01-02T00:00:00Z"},
            "serverDeleted": False,
            "clientData": {"id": "g1", "title": "stale", "updatedAt": "2025-01-01T12:00:00Z"},
            "clientDeleted": False,
            "resolution": "server_wins",
        }
    ]
    assert stored_title(at_version_2) == "v2"


def test_a_stale_change_with_a_later_updated_at_wins_and_gets_a_new_version(at_version_2):
    body = push(at_version_2, [goal("newer", "2025-01-03T00:00:00Z", baseVersion=1)]).json()
    assert body["results"][0]["status"] == "conflict"
    assert (body["results"][0]["version"], body["results"][0]["seq"]) == (3, 3)
    assert body["conflicts"][0]["resolution"] == "client_wins"
    assert body["conflicts"][0]["serverData"]["title"] == "v2"
    assert stored_title(at_version_2) == "newer"


def test_equal_updated_at_is_broken_by_arrival_so_the_later_push_wins(at_version_2):
    body = push(at_version_2, [goal("same time", "2025-01-02T00:00:00Z", baseVersion=1)]).json()
    assert body["conflicts"][0]["resolution"] == "client_wins"
    assert stored_title(at_version_2) == "same time"


def test_epoch_ms_and_iso_times_compare_as_times(at_version_2):
    later_in_ms = 1735862400000  # 2025-01-03T00:00:00Z
    body = push(at_version_2, [goal("ms", later_in_ms, baseVersion=1)]).json()
    assert body["conflicts"][0]["resolution"] == "client_wins"


def test_a_stale_change_without_updated_at_loses_to_a_dated_server_edit(at_version_2):
    body = push(at_version_2, [goal("undated", baseVersion=1)]).json()
    assert body["conflicts"][0]["resolution"] == "server_wins"


def test_conflicts_are_counted_in_sync_metadata(at_version_2):
    push(at_version_2, [goal("a", "2025-01-01T01:00:00Z", baseVersion=1)])
    push(at_version_2, [goal("b", "2025-01-01T02:00:00Z", baseVersion=0)])
    assert SyncMetadata.objects.get(user=at_version_2.user).sync_conflict_count == 2


def test_a_stale_change_identical_to_what_is_stored_is_unchanged_not_a_conflict(at_version_2):
    body = push(at_version_2, [goal("v2", "2025-01-02T00:00:00Z", baseVersion=1)]).json()
    assert body["results"][0]["status"] == "unchanged"
    assert body["conflicts"] == []


def test_a_current_base_version_is_not_a_conflict(at_version_2):
    body = push(at_version_2, [goal("v3", "2024-01-01T00:00:00Z", baseVersion=2)]).json()
    assert body["results"][0]["status"] == "updated"


def test_two_changes_of_one_entity_in_one_push_do_not_conflict_with_each_other(at_version_2):
    body = push(
        at_version_2,
        [
            goal("x", "2025-02-01T00:00:00Z", baseVersion=2),
            goal("y", "2025-02-02T00:00:00Z", baseVersion=2),
        ],
    ).json()
    assert [r["status"] for r in body["results"]] == ["updated", "updated"]
    assert stored_title(at_version_2) == "y"


def test_a_stale_edit_of_an_entity_deleted_later_keeps_it_deleted(at_version_2):
    push(at_version_2, [change("goal", "g1", {"deletedAt": "2025-01-05T00:00:00Z"}, deleted=True)])
    body = push(at_version_2, [goal("edit", "2025-01-04T00:00:00Z", baseVersion=2)]).json()
    conflict = body["conflicts"][0]
    assert (conflict["resolution"], conflict["serverDeleted"]) == ("server_wins", True)
    assert SyncData.objects.get(entity_id="g1").deleted_at is not None


def test_a_stale_delete_loses_to_a_later_edit(at_version_2):
    stale_delete = change("goal", "g1", {"deletedAt": "2025-01-01T06:00:00Z"}, deleted=True)
    body = push(at_version_2, [{**stale_delete, "baseVersion": 1}]).json()
    assert body["conflicts"][0]["resolution"] == "server_wins"
    assert body["conflicts"][0]["clientDeleted"] is True
    assert SyncData.objects.get(entity_id="g1").deleted_at is None
