"""What cleanup_dictionary removes, each with its retention setting."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from dictionary.models import (
    DB,
    AiModelUsage,
    AiTokenUsage,
    DeadLetter,
    ManualReview,
    QueueStatus,
    RecoveryHistory,
    ReviewStatus,
    SearchAnalytics,
    SeedQueue,
)

BATCH = 1000


def _ago(days: int):
    return timezone.now() - timedelta(days=days)


def cleanup_plan() -> list[tuple[str, QuerySet]]:
    """(label, rows past retention) for every table the cleanup trims."""
    usage, queue = (
        settings.DICTIONARY_USAGE_RETENTION_DAYS,
        settings.DICTIONARY_QUEUE_RETENTION_DAYS,
    )
    dead = settings.DICTIONARY_DEAD_LETTER_RETENTION_DAYS
    analytics = settings.DICTIONARY_ANALYTICS_RETENTION_DAYS
    old_letters = DeadLetter.objects.using(DB).filter(moved_to_dlq_at__lt=_ago(dead))
    return [
        ("ai_model_usage", AiModelUsage.objects.using(DB).filter(created_at__lt=_ago(usage))),
        ("ai_token_usage", AiTokenUsage.objects.using(DB).filter(date__lt=_ago(usage).date())),
        ("recovery_history", RecoveryHistory.objects.using(DB).filter(created_at__lt=_ago(usage))),
        (
            "search_analytics",
            SearchAnalytics.objects.using(DB).filter(searched_at__lt=_ago(analytics)),
        ),
        (
            "seed_queue (completed)",
            SeedQueue.objects.using(DB).filter(
                status=QueueStatus.COMPLETED, completed_at__lt=_ago(queue)
            ),
        ),
        (
            # Their queue rows go too, so new demand for the term can queue it afresh.
            "seed_queue (dead)",
            SeedQueue.objects.using(DB).filter(
                status=QueueStatus.DEAD, id__in=old_letters.values("original_id")
            ),
        ),
        ("dead_letter_queue", old_letters),
        (
            "manual_review_queue (decided)",
            ManualReview.objects.using(DB).filter(
                status__in=[ReviewStatus.APPROVED, ReviewStatus.REJECTED],
                reviewed_at__lt=_ago(usage),
            ),
        ),
    ]


def purge(queryset: QuerySet, *, progress: Callable[[int], None] | None = None) -> int:
    """Delete in batches, one short transaction each, so other writers are never blocked long."""
    deleted = 0
    while True:
        ids = list(queryset.values_list("pk", flat=True)[:BATCH])
        if not ids:
            return deleted
        with transaction.atomic(using=DB):
            count, _ = queryset.model.objects.using(DB).filter(pk__in=ids).delete()
        deleted += count
        if progress:
            progress(deleted)


def cleanup_run(
    *, dry_run: bool = False, progress: Callable[[str, int], None] | None = None
) -> Iterator[tuple[str, int]]:
    """(label, rows deleted, or only counted with `dry_run`) for each part of the plan, as
    each one finishes; `progress(label, deleted so far)` reports long purges."""
    for label, queryset in cleanup_plan():
        if dry_run:
            yield label, queryset.count()
            continue
        report = (lambda n, label=label: progress(label, n)) if progress else None
        yield label, purge(queryset, progress=report)
