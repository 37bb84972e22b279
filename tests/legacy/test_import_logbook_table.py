"""An older API database that still holds the `logbook_entries` table (written before
`sync_data`) imports it too, through the same logbook rules; `sync_data` holds the newer copy
of an entry in both, so that copy wins."""

from __future__ import annotations

import json

import pytest

from sync.models import SyncData
from tests.legacy import importer_data as data
from tests.legacy.importer_run import DATABASES, run
from tests.legacy.importer_schema import LOGBOOK_ENTRIES

pytestmark = pytest.mark.django_db(databases=DATABASES)


def _row(entry_id: str, **fields) -> dict:
    return {
        "id": entry_id,
        "user_id": data.ROBERT,
        "timestamp": 1690000000000,
        "duration": 45,
        "type": "practice",
        "instrument": "Guitar",
        "pieces": json.dumps([{"title": "Lágrima", "composer": "Tárrega"}]),
        "techniques": json.dumps(["tremolo"]),
        "notes": "From the old logbook",
        "created_at": 1690000000,
        "updated_at": 1690000500,
        **fields,
    }


@pytest.fixture
def output(tmp_path) -> str:
    rows = [
        _row("old_1"),
        _row("old_gone", deleted_at="2023-08-01 10:00:00"),
        _row(data.ENTRY_ROBERT, notes="an older copy"),
        _row("old_bad", type="jam session"),
    ]
    paths = data.build(
        tmp_path, dump=True, extra={"api": {"logbook_entries": rows}}, ddl={"api": LOGBOOK_ENTRIES}
    )
    return run(paths)


def test_its_entries_become_synced_entries(output):
    entry = SyncData.objects.get(entity_id="old_1").data
    assert (entry["instrument"], entry["duration"], entry["techniques"]) == (
        "guitar",
        45,
        ["tremolo"],
    )
    assert entry["pieces"][0]["id"] == "lágrima-tárrega"
    assert entry["updatedAt"] == "2023-07-22T04:35:00.000Z"


def test_its_deleted_entries_become_tombstones(output):
    assert SyncData.objects.get(entity_id="old_gone").deleted_at is not None


def test_the_copy_in_sync_data_wins(output):
    assert SyncData.objects.get(entity_id=data.ENTRY_ROBERT).data.get("notes") is None
    assert "logbook_entries: 4 read, 1 created, 1 deleted, 1 skipped, 1 failed" in output
    assert "logbook_entries old_bad (robert@mirubato.com): data.type: Must be one of" in output
