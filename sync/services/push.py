"""Client pushes: validated, applied atomically by the checksum, version and conflict rules,
answered per item, replayed to a retry with the same idempotency key.

Each runs in one transaction on `default` holding the user's feed lock (`sync.services.writer`),
so a push is applied entirely or not at all, and feed positions commit in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mirubato.api.errors import ApiError
from mirubato.timestamps import epoch_ms
from sync import metrics
from sync.feed import Cursor, canonical_json, checksum_of, cursor_decode, cursor_for, cursor_sent
from sync.models import IdempotencyKey, SyncData, SyncMetadata
from sync.services.writer import FeedWriter, Key, feed_lock, same_state
from sync.validation import (
    Change,
    device_id_clean,
    idempotency_key_clean,
    push_changes,
    push_size_check,
)

if TYPE_CHECKING:
    from accounts.models import User

MAX_DEVICES_KEPT = 50


@dataclass(frozen=True)
class PushOutcome:
    body: dict[str, Any]
    replayed: bool = False


def push_request(
    *,
    user: User,
    body: Any,
    body_bytes: int,
    idempotency_key: Any = None,
    device_id: Any = None,
) -> PushOutcome:
    """One push as a client sent it, by REST (`POST /api/sync/push`) or WebSocket (`PUSH`):
    every check, in one order, then `sync_push`. `body` is the decoded snake_case body
    (`changes`, `cursor`), `body_bytes` its size on the wire; the key and device id are the
    raw values the transport carried (header or message field), checked here."""
    push_size_check(body_bytes=body_bytes)
    changes = push_changes(body)
    sent = cursor_sent(body.get("cursor"))
    return sync_push(
        user=user,
        changes=changes,
        device_id=device_id_clean(device_id),
        idempotency_key=idempotency_key_clean(idempotency_key),
        # The hash covers the body only, so a retry matches over either transport.
        request_hash=checksum_of(canonical_json(body)),
        cursor=cursor_decode(sent, user_id=user.pk) if sent else None,
    )


def sync_push(
    *,
    user: User,
    changes: list[Change],
    device_id: str = "",
    idempotency_key: str = "",
    request_hash: str = "",
    cursor: Cursor | None = None,
) -> PushOutcome:
    """Applies a validated push atomically and answers per item (created, updated, unchanged,
    deleted, conflict). A retry with the same idempotency key and body replays the stored
    answer and writes nothing; the same key with another body is a 409."""
    with transaction.atomic(using="default"):
        meta = feed_lock(user_id=user.pk)
        if idempotency_key:
            stored = _stored_answer(user=user, key=idempotency_key, request_hash=request_hash)
            if stored is not None:
                metrics.push_counted(results=(), replayed=True)
                return PushOutcome(body=stored, replayed=True)
        head_before = meta.last_seq
        writer = FeedWriter(meta=meta, device_id=device_id)
        results, conflicts = _apply_all(writer, user=user, changes=changes)
        body = {
            "results": results,
            "conflicts": conflicts,
            "cursor": _next_cursor(user, cursor, head_before, meta.last_seq).encode(),
        }
        _record_sync(
            meta,
            device_id=device_id,
            conflicts=len(conflicts),
            cursor=body["cursor"],
            now=writer.now,
        )
        writer.flush(meta_fields=SYNC_FIELDS)
        if idempotency_key:
            _store_answer(user=user, key=idempotency_key, request_hash=request_hash, body=body)
    metrics.push_counted(results=results, replayed=False)  # committed
    return PushOutcome(body=body)


def _next_cursor(user: User, sent: Cursor | None, head_before: int, head_after: int) -> Cursor:
    """Where the client should pull from next. With its own cursor sent: moved past this push
    only when nothing else happened since that cursor, else unchanged (it must pull first).
    Without: the feed's head after this push."""
    if sent is None:
        return cursor_for(user_id=user.pk, seq=head_after)
    if sent.snapshot_head is not None:
        return sent  # mid-way through a first sync: finish the snapshot, then pull changes
    seq = head_after if sent.seq == head_before else sent.seq
    return cursor_for(user_id=user.pk, seq=seq, scope=sent.scope)


def _existing_rows(user: User, changes: list[Change]) -> dict[Key, SyncData]:
    if not changes:
        return {}
    keys = {(change.type, change.id) for change in changes}
    rows = SyncData.objects.filter(
        user_id=user.pk,
        entity_type__in={kind for kind, _ in keys},
        entity_id__in={entity_id for _, entity_id in keys},
    )
    return {(row.entity_type, row.entity_id): row for row in rows}


def _apply_all(
    writer: FeedWriter, *, user: User, changes: list[Change]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows = _existing_rows(user, changes)
    # Staleness is judged against the version before this push, so a push holding two
    # changes of one entity does not conflict with itself.
    versions_before = {key: row.version for key, row in rows.items()}
    results, conflicts = [], []
    for change in changes:
        key = (change.type, change.id)
        row = rows.get(key)
        if row is not None and _is_conflict(change, row, versions_before.get(key)):
            conflict = _conflict(change, row)
            conflicts.append(conflict)
            if conflict["resolution"] == "client_wins":
                row, _ = _write(writer, row, change)
            status = "conflict"
        else:
            row, status = _write(writer, row, change)
        rows[key] = row
        results.append(
            {"type": change.type, "id": change.id, "status": status}
            | {"version": row.version, "seq": row.seq}
        )
    return results, conflicts


def _write(writer: FeedWriter, row: SyncData | None, change: Change) -> tuple[SyncData, str]:
    return writer.write(
        row,
        entity_type=change.type,
        entity_id=change.id,
        data=change.data,
        deleted=change.deleted,
        checksum=change.checksum,
    )


def _is_conflict(change: Change, row: SyncData, version_before: int | None) -> bool:
    """Stale (based on a version older than the stored one) and not already what is stored."""
    stale = (
        change.base_version is not None
        and version_before is not None
        and change.base_version < version_before
    )
    return stale and not same_state(row, deleted=change.deleted, checksum=change.checksum)


def _edit_time(data: dict[str, Any] | None, *, deleted: bool) -> float | None:
    data = data or {}
    when = data.get("deletedAt") or data.get("updatedAt") if deleted else data.get("updatedAt")
    return epoch_ms(when)


def _conflict(change: Change, row: SyncData) -> dict[str, Any]:
    """Both sides of a stale change; the edit with the later `updatedAt` is kept, and on a
    tie (or when neither side says when it was made) the later arrival, the client's."""
    client_time = _edit_time(change.data, deleted=change.deleted)
    server_time = _edit_time(row.data, deleted=row.is_deleted)
    client_wins = server_time is None or (client_time is not None and client_time >= server_time)
    return {
        "type": change.type,
        "id": change.id,
        "server_version": row.version,
        "server_data": row.data,
        "server_deleted": row.is_deleted,
        "client_data": change.data,
        "client_deleted": change.deleted,
        "resolution": "client_wins" if client_wins else "server_wins",
    }


# --- Metadata and idempotency ----------------------------------------------------------------

SYNC_FIELDS = (
    "last_sync_time",
    "last_sync_token",
    "sync_conflict_count",
    "devices",
    "device_count",
    "last_device_id",
)


def _record_sync(meta: SyncMetadata, *, device_id: str, conflicts: int, cursor: str, now) -> None:
    meta.last_sync_time = now
    meta.last_sync_token = cursor
    meta.sync_conflict_count += conflicts
    if device_id:
        devices = dict(meta.devices or {})
        devices.pop(device_id, None)
        devices[device_id] = now.isoformat()
        # Oldest first by insertion; keep the most recent ones.
        meta.devices = dict(list(devices.items())[-MAX_DEVICES_KEPT:])
        meta.device_count = len(meta.devices)
        meta.last_device_id = device_id


def _stored_answer(*, user: User, key: str, request_hash: str) -> dict[str, Any] | None:
    stored = IdempotencyKey.objects.filter(user_id=user.pk, key=key).first()
    if stored is None:
        return None
    if stored.expires_at <= timezone.now():
        stored.delete()  # expired: the key is free again
        return None
    if stored.request_hash != request_hash:
        raise ApiError(
            409,
            "idempotency_key_reused",
            "This Idempotency-Key was already used with a different request body.",
        )
    return stored.response


def _store_answer(*, user: User, key: str, request_hash: str, body: dict[str, Any]) -> None:
    ttl = timedelta(hours=settings.SYNC_IDEMPOTENCY_TTL_HOURS)
    IdempotencyKey.objects.create(
        user_id=user.pk,
        key=key,
        request_hash=request_hash,
        response=body,
        expires_at=timezone.now() + ttl,
    )
