"""Reads of the sync store. The pull hot path lives in `sync.pull`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet

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
