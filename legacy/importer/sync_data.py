"""The API database's synced entities (`sync_data`, and the older `logbook_entries` table if
the database still has one) → our synced entities, through the sync engine's one writer.

Every row is checked as a push checks it (`sync.services.change_check`: the envelope, the
size limits and the owning app's cleaner, e.g. the logbook entry's time, duration, type and
mood). A row a push would refuse is reported, never stored unchecked. Deleted rows become
tombstones, so a deletion stays deleted on every device. The original's checksums, versions
and sequence numbers do not come along: each entity gets a version and a feed position here.
"""

from __future__ import annotations

from typing import Any

from legacy.importer.batches import Batcher
from legacy.importer.context import ImportContext
from legacy.importer.readers import Source
from legacy.importer.values import RowError, iso, json_of, moment, reason_of, text
from mirubato.api.camel import to_camel
from mirubato.api.errors import ApiError
from sync import services as sync

ENTRY = "logbook_entry"
PREFERENCES = "user_preferences"
ORDER = ("user_id", "seq", "updated_at", "id")


def _relinked_entry(data: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
    """An entry's score links pointed at our ids for the scores this run imported."""
    data = dict(data)
    if isinstance(data.get("scoreId"), str) and data["scoreId"]:
        data["scoreId"] = ctx.scores.relink(data["scoreId"])
    if isinstance(data.get("pieces"), list):
        data["pieces"] = [
            {**p, "id": ctx.scores.relink(p["id"])}
            if isinstance(p, dict) and isinstance(p.get("id"), str) and p["id"]
            else p
            for p in data["pieces"]
        ]
    return data


def _tombstone(kind: str, entity_id: str, row: dict[str, Any]) -> dict[str, Any]:
    when = moment(row.get("deleted_at")) or moment(row.get("updated_at"))
    return {
        "type": kind,
        "id": entity_id,
        "deleted": True,
        "data": {"deletedAt": iso(when)} if when else None,
    }


def sync_item(row: dict[str, Any], *, user_id: str, ctx: ImportContext) -> dict[str, Any]:
    """A `sync_data` row as a pushed item."""
    kind, entity_id = text(row.get("entity_type")), text(row.get("entity_id"))
    if kind == PREFERENCES:
        entity_id = user_id  # a user's preferences are named by the user's id
    if text(row.get("deleted_at")):
        return _tombstone(kind, entity_id, row)
    data = json_of(row.get("data"), dict, "data")
    if data is None:
        raise RowError("data: missing")
    return {
        "type": kind,
        "id": entity_id,
        "data": _relinked_entry(data, ctx) if kind == ENTRY else data,
    }


def _change(item: dict[str, Any]) -> Any:
    try:
        return sync.change_check(item=item)
    except ApiError as exc:
        errors = (exc.details or {}).get("errors")
        raise RowError(
            reason_of(errors).replace("changes[0].", "") if errors else exc.message
        ) from None


def _batcher(ctx: ImportContext, table: str, total: int) -> Batcher:
    report = ctx.report.table(table, kept_means="a later edit of the entity is here")

    def write(user_id: str, changes: list[Any]) -> list[tuple[str, str]]:
        outcomes = sync.entities_import(user_id=user_id, changes=changes, dry_run=ctx.dry_run)
        return [(status, "") for status in outcomes]

    return Batcher(ctx, report, write, total)


def import_sync_data(ctx: ImportContext, source: Source) -> set[tuple[str, str]]:
    """Returns the (user, entry id) of the logbook entries it read, which win over the older
    table's copies."""
    batcher = _batcher(ctx, "sync_data", source.count("sync_data"))
    entries: set[tuple[str, str]] = set()
    for row in source.rows("sync_data", order_by=ORDER):
        batcher.report.read += 1
        where = ctx.where(
            "sync_data",
            f"{text(row.get('entity_type'))}:{text(row.get('entity_id'))}",
            row.get("user_id"),
        )
        try:
            user_id = ctx.users.resolve(row.get("user_id"))
            change = _change(sync_item(row, user_id=user_id, ctx=ctx))
        except RowError as exc:
            batcher.report.failed(where, str(exc))
            continue
        if change.type == ENTRY:
            entries.add((user_id, change.id))
        batcher.add(user_id, where, change)
    batcher.close()
    return entries


# --- The older `logbook_entries` table ------------------------------------------------------
# The reference names it (written by a backend before sync_data) but gives no columns, so its
# columns are read by name: snake_case or camelCase entry fields, JSON kept as text.

SKIPPED_COLUMNS = {"user_id", "userId", "deleted_at", "deletedAt"}
TIME_COLUMNS = {"createdAt", "updatedAt"}


def _entry_value(key: str, value: Any) -> Any:
    if key == "timestamp":
        when = moment(value)
        return int(when.timestamp() * 1000) if when else value
    if key in TIME_COLUMNS:
        when = moment(value)
        return iso(when) if when else value
    if isinstance(value, str) and value[:1] in ("[", "{"):
        return json_of(value, list if value[0] == "[" else dict, key)
    return value


def logbook_table_item(row: dict[str, Any], ctx: ImportContext) -> dict[str, Any]:
    entity_id = text(row.get("id"))
    if text(row.get("deleted_at") or row.get("deletedAt")):
        return _tombstone(
            ENTRY, entity_id, {"deleted_at": row.get("deleted_at") or row.get("deletedAt")}
        )
    data = {
        to_camel(column): _entry_value(to_camel(column), value)
        for column, value in row.items()
        if column not in SKIPPED_COLUMNS and value is not None
    }
    return {"type": ENTRY, "id": entity_id, "data": _relinked_entry(data, ctx)}


def import_logbook_table(ctx: ImportContext, source: Source, seen: set[tuple[str, str]]) -> None:
    if not source.has("logbook_entries"):
        return
    batcher = _batcher(ctx, "logbook_entries", source.count("logbook_entries"))
    batcher.report.kept_means = "a later edit of the entry is here"
    user_column = "user_id" if "user_id" in source.columns("logbook_entries") else "userId"
    for row in source.rows("logbook_entries", order_by=(user_column, "timestamp", "id")):
        batcher.report.read += 1
        where = ctx.where("logbook_entries", text(row.get("id")), row.get(user_column))
        try:
            user_id = ctx.users.resolve(row.get(user_column))
            if (user_id, text(row.get("id"))) in seen:
                batcher.report.add("skipped", where=where, reason="sync_data holds this entry")
                continue
            change = _change(logbook_table_item(row, ctx))
        except RowError as exc:
            batcher.report.failed(where, str(exc))
            continue
        batcher.add(user_id, where, change)
    batcher.close()
