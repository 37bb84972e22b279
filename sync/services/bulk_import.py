"""Entities moving in from another deployment (`manage.py import_mirubato`): thousands of
them, written through the one writer of the feed, so each gets a version and a feed position
exactly as a pushed change would, and devices pull them like any other change.

An item is checked by the same rules as a pushed one (`change_check`: envelope, size, the
owning app's cleaner). Writing is per user and per batch, in one transaction holding the
user's feed lock. The import is not a device: it is no conflict and no sync in
`sync_metadata`; it never overwrites a newer edit made here (see `entities_import`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from mirubato.timestamps import epoch_ms
from sync.models import SyncData, SyncMetadata
from sync.services.writer import FeedWriter, Key, feed_lock, same_state
from sync.validation import Change, push_changes

IMPORT_DEVICE = "mirubato-import"


def change_check(*, item: dict[str, Any]) -> Change:
    """One item (`{type, id, data, deleted?}`) checked exactly as a push checks its items; a
    bad one raises the push's 400 (`details` name the field)."""
    return push_changes({"changes": [item]})[0]


def _edit_time(data: dict[str, Any] | None, *, deleted: bool) -> float | None:
    data = data or {}
    when = (data.get("deletedAt") or data.get("updatedAt")) if deleted else data.get("updatedAt")
    return epoch_ms(when)


def _incoming_newer(change: Change, row: SyncData) -> bool:
    """An import replaces what is here only when it is known to be the later edit: data of
    unknown age never overwrites an edit a device made here."""
    incoming = _edit_time(change.data, deleted=change.deleted)
    here = _edit_time(row.data, deleted=row.is_deleted)
    return incoming is not None and (here is None or incoming > here)


def _rows(user_id: str, changes: Sequence[Change]) -> dict[Key, SyncData]:
    rows = SyncData.objects.filter(
        user_id=user_id,
        entity_type__in={c.type for c in changes},
        entity_id__in={c.id for c in changes},
    )
    return {(row.entity_type, row.entity_id): row for row in rows}


def _outcome(writer: FeedWriter, rows: dict[Key, SyncData], change: Change) -> str:
    key = (change.type, change.id)
    row = rows.get(key)
    if row is not None and same_state(row, deleted=change.deleted, checksum=change.checksum):
        return "unchanged"
    if row is not None and not _incoming_newer(change, row):
        return "kept"
    rows[key], status = writer.write(
        row,
        entity_type=change.type,
        entity_id=change.id,
        data=change.data,
        deleted=change.deleted,
        checksum=change.checksum,
    )
    return status


def entities_import(*, user_id: str, changes: Sequence[Change], dry_run: bool = False) -> list[str]:
    """Writes checked changes of one user in one transaction; answers per change: created,
    updated, deleted (a tombstone written), unchanged (the same content, or already deleted)
    or kept (what is here is a later edit, by `updatedAt`/`deletedAt`, or the import's age is
    unknown). A second import of the same data is all unchanged. `dry_run` decides the same
    outcomes and writes nothing (no feed lock is taken, so a dry run never waits on pushes)."""
    if not changes:
        return []
    with transaction.atomic(using="default"):
        meta = SyncMetadata(user_id=user_id) if dry_run else feed_lock(user_id=user_id)
        writer = FeedWriter(meta=meta, device_id=IMPORT_DEVICE)
        rows = _rows(user_id, changes)
        outcomes = [_outcome(writer, rows, change) for change in changes]
        if not dry_run:
            writer.flush()
    return outcomes
