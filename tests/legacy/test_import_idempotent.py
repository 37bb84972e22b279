"""import_mirubato is idempotent: a second run of the same databases creates nothing and
changes nothing, and an edit made here since the first run survives a later one."""

from __future__ import annotations

import json

import pytest

from sync.models import SyncData
from sync.services import entity_write
from tests.legacy import importer_data as data
from tests.legacy.importer_run import DATABASES, run, snapshot

pytestmark = pytest.mark.django_db(databases=DATABASES)


@pytest.mark.parametrize("dump", [False, True])
def test_a_second_run_changes_nothing(tmp_path, dump):
    paths = data.build(tmp_path, dump=dump)
    run(paths)
    before = snapshot()
    second = run(paths)
    assert snapshot() == before
    assert "created" not in second and "updated" not in second and "deleted" not in second


def test_a_second_run_reports_every_row_unchanged(tmp_path):
    paths = data.build(tmp_path, dump=True)
    run(paths)
    assert "sync_data: 6 read, 6 unchanged" in run(paths)


def test_a_file_run_after_a_dump_run_of_the_same_data_changes_nothing(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    run(data.build(tmp_path / "a", dump=True))
    before = snapshot()
    run(data.build(tmp_path / "b", dump=False))
    assert snapshot() == before


def test_an_entry_edited_here_since_is_kept(tmp_path):
    paths = data.build(tmp_path, dump=False)
    run(paths)
    row = SyncData.objects.get(entity_id=data.ENTRY_2)
    edit = {
        **row.data,
        "notes": "edited on the new server",
        "updatedAt": "2025-01-01T00:00:00.000Z",
    }
    entity_write(user=row.user, entity_type="logbook_entry", entity_id=data.ENTRY_2, data=edit)
    output = run(paths)
    row.refresh_from_db()
    assert row.data["notes"] == "edited on the new server"
    assert (
        "sync_data: 6 read, 5 unchanged, 1 kept (kept: a later edit of the entity is here)"
        in output
    )


def test_a_later_edit_in_the_original_replaces_the_imported_one(tmp_path):
    paths = data.build(tmp_path, dump=False)
    run(paths)
    newer = {
        **data.ENTRY_2_DATA,
        "notes": "edited later there",
        "updatedAt": "2024-06-01T00:00:00.000Z",
    }
    api = data.database("api")
    api.execute(
        "UPDATE sync_data SET data = ? WHERE entity_id = ?", [json.dumps(newer), data.ENTRY_2]
    )
    paths["api"] = tmp_path / "api-later.sql"
    paths["api"].write_text(data.d1_dump(api), encoding="utf-8")
    output = run(paths)
    row = SyncData.objects.get(entity_id=data.ENTRY_2)
    assert (row.data["notes"], row.version) == ("edited later there", 2)
    assert "sync_data: 6 read, 1 updated, 5 unchanged" in output
