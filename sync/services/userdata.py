"""Sync's part of "everything about a user" (registered with accounts): export and erase."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.db import transaction

from accounts.services import ExportSections, UserDataPart
from sync.models import IdempotencyKey, SyncData, SyncMetadata

if TYPE_CHECKING:
    from accounts.models import User

ENTITY_FIELDS = (
    "entity_type",
    "entity_id",
    "data",
    "version",
    "seq",
    "device_id",
    "created_at",
    "updated_at",
    "deleted_at",
)
METADATA_FIELDS = (
    "last_sync_time",
    "device_count",
    "last_device_id",
    "sync_conflict_count",
    "last_seq",
    "devices",
)


def _entities(user: User) -> Iterator[dict[str, Any]]:
    rows = SyncData.objects.filter(user_id=user.pk).order_by("seq").values(*ENTITY_FIELDS)
    yield from rows.iterator(chunk_size=1000)


def _metadata(user: User) -> Iterator[dict[str, Any]]:
    yield from SyncMetadata.objects.filter(user_id=user.pk).values(*METADATA_FIELDS)


def export(user: User) -> ExportSections:
    """Synced entities (tombstones included, flagged by `deleted_at`) and sync metadata."""
    yield "sync_entities", _entities(user)
    yield "sync_metadata", _metadata(user)


def erase(user: User) -> dict[str, int]:
    with transaction.atomic(using="default"):
        return {
            "sync_data": SyncData.objects.filter(user_id=user.pk).delete()[0],
            "sync_metadata": SyncMetadata.objects.filter(user_id=user.pk).delete()[0],
            "idempotency_keys": IdempotencyKey.objects.filter(user_id=user.pk).delete()[0],
        }


PART = UserDataPart(name="sync", database="default", export=export, erase=erase)
