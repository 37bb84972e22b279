"""Retention of the sync store: expired idempotency keys and old tombstones.

A purged tombstone raises its user's `purged_seq` in the same transaction, under the feed
lock, so any cursor that might have missed that delete answers 410 from then on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from django.db import transaction

from sync.models import IdempotencyKey, SyncData
from sync.services.writer import feed_lock

BATCH_SIZE = 1000


def _batches(queryset, batch_size: int) -> Iterator[list]:
    while ids := list(queryset.values_list("pk", flat=True)[:batch_size]):
        yield ids


def idempotency_keys_purge(*, now: datetime, dry_run: bool = False) -> int:
    """Deletes keys past `expires_at`; returns how many (would be) deleted."""
    expired = IdempotencyKey.objects.filter(expires_at__lte=now)
    if dry_run:
        return expired.count()
    deleted = 0
    for ids in _batches(expired.order_by("expires_at"), BATCH_SIZE):
        deleted += IdempotencyKey.objects.filter(pk__in=ids, expires_at__lte=now).delete()[0]
    return deleted


def _purge_user_batch(user_id: str, cutoff: datetime, batch_size: int) -> int:
    with transaction.atomic(using="default"):
        meta = feed_lock(user_id=user_id)
        rows = list(
            SyncData.objects.filter(user_id=user_id, deleted_at__lt=cutoff)
            .order_by("seq")
            .values_list("pk", "seq")[:batch_size]
        )
        if not rows:
            return 0
        SyncData.objects.filter(pk__in=[pk for pk, _ in rows]).delete()
        meta.purged_seq = max(meta.purged_seq, rows[-1][1])
        meta.save(update_fields=["purged_seq"])
    return len(rows)


def tombstones_purge(
    *,
    cutoff: datetime,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Deletes tombstones deleted before `cutoff`; returns (tombstones, users)."""
    old = SyncData.objects.filter(deleted_at__lt=cutoff)
    if dry_run:
        return old.count(), old.values("user_id").distinct().count()
    user_ids = list(old.values_list("user_id", flat=True).distinct())
    total = 0
    for done, user_id in enumerate(user_ids, start=1):
        while deleted := _purge_user_batch(user_id, cutoff, batch_size):
            total += deleted
        if progress:
            progress(done, len(user_ids))
    return total, len(user_ids)
