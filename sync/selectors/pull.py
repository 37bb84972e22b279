"""The pull hot path: changes after a cursor (or the live state), straight from `.values()`.

It skips DRF serializers and JSON decoding: each entity's stored JSON text is spliced into
the response as an `orjson.Fragment`. The query walks the (user, seq) index, so its cost
depends on this user's changes only, never on how many rows other users have.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import orjson
from django.db import connections, router

from sync import metrics
from sync.feed import Cursor, cursor_check_usable, cursor_decode, cursor_for, types_scope
from sync.models import SyncData, SyncMetadata

COLUMNS = ("entity_type", "entity_id", "data_text", "version", "seq", "deleted_at")


def _feed_state(user_id: str) -> tuple[int, int]:
    """(last_seq, purged_seq) of the user's feed; (0, 0) before the first write. Raw SQL: it
    runs twice on every pull and once on every logbook read, and compiling this one-row read
    through the ORM cost several times running it (both columns are plain integers)."""
    connection = connections[router.db_for_read(SyncMetadata)]
    qn, meta = connection.ops.quote_name, SyncMetadata._meta
    columns = (meta.get_field(name).column for name in ("last_seq", "purged_seq", "user"))
    last_seq, purged_seq, user = (qn(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {last_seq}, {purged_seq} FROM {qn(meta.db_table)} WHERE {user} = %s",
            [user_id],
        )
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, 0)


def feed_head(*, user_id: str) -> int:
    """The user's last committed feed position (0 before the first change)."""
    return _feed_state(user_id)[0]


def _change(row: tuple[Any, ...]) -> dict[str, Any]:
    entity_type, entity_id, data_text, version, seq, deleted_at = row
    if deleted_at is not None:
        return {
            "type": entity_type,
            "id": entity_id,
            "deleted": True,
            "version": version,
            "seq": seq,
        }
    return {
        "type": entity_type,
        "id": entity_id,
        "data": orjson.Fragment(data_text),
        "version": version,
        "seq": seq,
        "deleted": False,
    }


@cache
def _quoted_columns(vendor: str) -> dict[str, str]:
    qn = connections[router.db_for_read(SyncData)].ops.quote_name
    names = ("entity_type", "entity_id", "data", "version", "seq", "deleted_at", "user")
    columns = {name: qn(SyncData._meta.get_field(name).column) for name in names}
    return {**columns, "table": qn(SyncData._meta.db_table)}


def _rows(
    user_id: str,
    *,
    after: int,
    live_only: bool,
    types: list[str] | None,
    limit: int,
    upto: int | None = None,
) -> list[tuple[Any, ...]]:
    """Up to `limit` + 1 rows (COLUMNS) of the user's feed after position `after`, in feed
    order. Raw SQL, as `_feed_state`: compiling it through the ORM and running each row
    through the ORM's converters (a tombstone's datetime parsed only to be tested against
    None) cost more than reading the rows. `deleted_at` comes back as the driver gives it."""
    connection = connections[router.db_for_read(SyncData)]
    c = _quoted_columns(connection.vendor)
    where, params = [f"{c['user']} = %s", f"{c['seq']} > %s"], [user_id, after]
    if upto is not None:
        where.append(f"{c['seq']} <= %s")
        params.append(upto)
    if types:
        where.append(f"{c['entity_type']} IN ({', '.join(['%s'] * len(types))})")
        params.extend(types)
    if live_only:
        where.append(f"{c['deleted_at']} IS NULL")
    sql = (
        f"SELECT {c['entity_type']}, {c['entity_id']}, CAST({c['data']} AS TEXT),"
        f" {c['version']}, {c['seq']}, {c['deleted_at']} FROM {c['table']}"
        f" WHERE {' AND '.join(where)} ORDER BY {c['seq']} LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit + 1])
        return cursor.fetchall()


def feed_pull(
    *, user_id: str, since: str | None, limit: int, types: list[str] | None = None
) -> dict[str, Any]:
    """`{"changes", "cursor", "hasMore", "snapshot"}` (camelCase, ready to encode). Follow
    `cursor` while `hasMore`.

    Without `since` (a first sync): a snapshot, in as many pages as it takes: the live
    entities as of its first page, no tombstones (`snapshot` is true). Its last page hands
    over a change cursor at that first page's feed head, so what changed while the pages were
    read follows, tombstones included (docs/sync.md). With a change cursor: every change after
    it, in feed order, deletions as tombstones."""
    scope = types_scope(types)
    cursor: Cursor | None = cursor_decode(since, user_id=user_id) if since else None
    # The head is read before the rows: every position up to it is committed, so the rows
    # query sees all of them and the cursor may safely move to it.
    head, _ = _feed_state(user_id)
    if cursor is None or cursor.snapshot_head is not None:
        return _snapshot_page(user_id, cursor, head=head, types=types, scope=scope, limit=limit)
    rows = _rows(user_id, after=cursor.seq, live_only=False, types=types, limit=limit)
    _check_usable(user_id, cursor, scope)
    has_more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1][4] if rows else cursor.seq
    next_seq = last if has_more else max(last, head)
    return _page(rows, cursor_for(user_id=user_id, seq=next_seq, scope=scope), has_more, False)


def _snapshot_page(
    user_id: str,
    cursor: Cursor | None,
    *,
    head: int,
    types: list[str] | None,
    scope: str,
    limit: int,
) -> dict[str, Any]:
    """One page of a first sync: live entities at positions up to the snapshot's head, which
    is this feed's head at its first page. An entity changed after that moment has left those
    positions and comes with the change feed the last page hands over to."""
    top = cursor.snapshot_head if cursor else head
    after = cursor.seq if cursor else 0
    rows = _rows(user_id, after=after, live_only=True, types=types, limit=limit, upto=top)
    if cursor is not None:
        _check_usable(user_id, cursor, scope)
    if len(rows) > limit:
        rows = rows[:limit]
        snapshot = cursor_for(user_id=user_id, seq=rows[-1][4], scope=scope, snapshot_head=top)
        return _page(rows, snapshot, True, True)
    # Handed over: what changed since the snapshot began is the change feed after `top`.
    return _page(rows, cursor_for(user_id=user_id, seq=top, scope=scope), head > top, True)


def _check_usable(user_id: str, cursor: Cursor, scope: str) -> None:
    # Checked after reading: a purge that removed a tombstone this read missed has, by now,
    # committed its higher watermark.
    head_now, purged_seq = _feed_state(user_id)
    cursor_check_usable(cursor, scope=scope, head=head_now, purged_seq=purged_seq)


def _page(rows: list, cursor: Cursor, has_more: bool, snapshot: bool) -> dict[str, Any]:
    metrics.pull_counted(snapshot=snapshot, changes=len(rows))
    return {
        "changes": [_change(row) for row in rows],
        "cursor": cursor.encode(),
        "hasMore": has_more,
        "snapshot": snapshot,
    }
