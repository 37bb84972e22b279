"""Reads of stored entities for the apps that own their rules, and the sync status. The pull
hot path lives in `sync.selectors.pull`."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast

from sync.feed import cursor_for
from sync.models import SyncData, SyncMetadata

if TYPE_CHECKING:
    from accounts.models import User


def entities_live(*, user: User, entity_type: str) -> QuerySet[SyncData]:
    """The user's live (not deleted) entities of one type, in feed order."""
    return SyncData.objects.filter(
        user_id=user.pk, entity_type=entity_type, deleted_at__isnull=True
    ).order_by("seq")


def entity_get(*, user: User, entity_type: str, entity_id: str) -> SyncData | None:
    """One live entity of the user, or None (also when it is deleted)."""
    return entities_live(user=user, entity_type=entity_type).filter(entity_id=entity_id).first()


def entity_texts(*, user: User, entity_type: str) -> list[tuple[str, str]]:
    """(entity id, stored JSON as text) of the user's live entities of one type: for readers
    that parse many entries (the logbook), which orjson decodes well ahead of JSONField."""
    rows = entities_live(user=user, entity_type=entity_type).order_by()
    return list(rows.annotate(text=Cast("data", TextField())).values_list("entity_id", "text"))


def entity_texts_after(
    *, user: User, entity_type: str, after_seq: int
) -> list[tuple[str, str | None]] | None:
    """(entity id, stored JSON as text, or None for a deletion) of the user's entities of one
    type changed after feed position `after_seq`, in feed order: what a reader that kept the
    entities as of `after_seq` needs to be current. None when a purge has already removed
    tombstones past `after_seq` (a deletion could be missing): read everything instead."""
    rows = SyncData.objects.filter(user_id=user.pk, entity_type=entity_type, seq__gt=after_seq)
    text = Cast("data", TextField())
    changed = [
        (entity_id, None if deleted_at is not None else data)
        for entity_id, data, deleted_at in rows.annotate(text=text)
        .order_by("seq")
        .values_list("entity_id", "text", "deleted_at")
    ]
    # Checked after reading: a purge that removed a tombstone this read missed has, by now,
    # committed its higher watermark.
    purged = SyncMetadata.objects.filter(user_id=user.pk).values_list("purged_seq", flat=True)
    return None if (purged.first() or 0) > after_seq else changed


def entity_records(
    *, user: User, entity_type: str, entity_ids: list[str] | None = None
) -> list[tuple[str, int, str, datetime]]:
    """(entity id, version, stored JSON as text, last change) of the user's live entities of
    one type (only `entity_ids`, when given): for REST lists that show each entity's version
    beside its data."""
    rows = entities_live(user=user, entity_type=entity_type).order_by()
    if entity_ids is not None:
        rows = rows.filter(entity_id__in=entity_ids)
    text = Cast("data", TextField())
    return list(rows.annotate(text=text).values_list("entity_id", "version", "text", "updated_at"))


def entities_unset(*, entity_type: str, key: str, limit: int) -> list[SyncData]:
    """Every user's live entities of one type whose JSON has no `key` (missing or null), the
    least recently changed first, with their users: work a cron command claims one by one
    (open practice sessions)."""
    rows = SyncData.objects.filter(entity_type=entity_type, deleted_at__isnull=True)
    rows = rows.filter(Q(**{f"data__{key}": None}) | Q(**{f"data__{key}__isnull": True}))
    return list(rows.select_related("user").order_by("updated_at", "pk")[:limit])


def entities_named(*, entity_type: str, entity_id: str) -> list[SyncData]:
    """Every user's live entity of this type and id, oldest first (an id a client shares, such
    as a plan template's; the caller decides which of them the asker may use)."""
    rows = SyncData.objects.filter(
        entity_type=entity_type, entity_id=entity_id, deleted_at__isnull=True
    )
    return list(rows.select_related("user").order_by("created_at", "seq"))


def entities_matching(
    *, user_id: str, entity_type: str, data: dict[str, str], limit: int
) -> list[SyncData]:
    """The user's live entities of one type whose JSON holds these top-level `data` values,
    most recently updated first (a plan's occurrences by `planId`)."""
    rows = SyncData.objects.filter(user_id=user_id, entity_type=entity_type, deleted_at=None)
    rows = rows.filter(**{f"data__{key}": value for key, value in data.items()})
    return list(rows.order_by("-updated_at")[:limit])


def sync_status(*, user: User) -> dict[str, Any]:
    """Last sync, the feed's current cursor, devices seen, live entity counts, conflicts."""
    meta = SyncMetadata.objects.filter(user_id=user.pk).first() or SyncMetadata(user_id=user.pk)
    counts = (
        SyncData.objects.filter(user_id=user.pk, deleted_at__isnull=True)
        .values_list("entity_type")
        .annotate(n=Count("id"))
        .order_by()
    )
    devices = [{"id": device, "last_seen_at": when} for device, when in meta.devices.items()]
    return {
        "last_sync_time": meta.last_sync_time,
        "cursor": cursor_for(user_id=user.pk, seq=meta.last_seq).encode(),
        "device_count": len(devices),
        "devices": sorted(devices, key=lambda device: device["last_seen_at"], reverse=True),
        "last_device_id": meta.last_device_id or None,
        "entity_counts": dict(counts),
        "conflict_count": meta.sync_conflict_count,
    }
