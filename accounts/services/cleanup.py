"""Retention of sign-in records: expired magic-link tokens and expired logins (with their
refresh-token records), deleted in batches.

Idempotent and safe on several hosts at once: each batch deletes rows by key with the expiry
condition repeated, so rows another runner already removed are simply not counted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db.models import Model, QuerySet

from accounts.models import LoginSession, LoginToken

BATCH = 1000


def _expired(now: datetime) -> dict[str, QuerySet[Model]]:
    return {
        "expired login tokens": LoginToken.objects.filter(expires_at__lte=now),
        "expired login sessions": LoginSession.objects.filter(expire_date__lte=now),
    }


def _delete_in_batches(queryset: QuerySet[Model], report: Callable[[int], None]) -> int:
    deleted = 0
    while keys := list(queryset.values_list("pk", flat=True)[:BATCH]):
        count, _ = queryset.filter(pk__in=keys).delete()
        deleted += count
        report(deleted)
        if len(keys) < BATCH:
            break
    return deleted


def auth_records_purge(
    *,
    now: datetime,
    dry_run: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Deletes (or, with `dry_run`, counts) what expired before `now`; counts per kind.
    `progress(kind, done)` is called after each batch."""
    counts = {}
    for label, queryset in _expired(now).items():
        if dry_run:
            counts[label] = queryset.count()
            continue

        def report(done: int, label: str = label) -> None:
            if progress:
                progress(label, done)

        counts[label] = _delete_in_batches(queryset, report)
    return counts
