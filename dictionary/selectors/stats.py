"""Reads for the daily rollup: one day's figures across searches, entries, queues and AI use."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Avg, Count, Q, Sum

from dictionary.models import (
    DB,
    AiTokenUsage,
    DictionaryEntry,
    EntryStatus,
    ManualReview,
    QueueStatus,
    ReviewStatus,
    SearchAnalytics,
    SeedQueue,
)


def _day_range(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


def day_figures(day: date) -> dict[str, object]:
    start, end = _day_range(day)
    searches = SearchAnalytics.objects.using(DB).filter(searched_at__gte=start, searched_at__lt=end)
    totals = searches.aggregate(
        total=Count("id"),
        found=Count("id", filter=Q(found=True)),
        avg=Avg("response_time_ms"),
    )
    users = searches.exclude(user_id="").values("user_id").distinct().count()
    ai = (
        AiTokenUsage.objects.using(DB)
        .filter(date=day)
        .aggregate(calls=Sum("calls"), tokens=Sum("tokens_used"))
    )
    entries = DictionaryEntry.objects.using(DB)
    return {
        "total_searches": totals["total"],
        "successful_searches": totals["found"],
        "avg_response_time_ms": totals["avg"],
        "unique_users": users,
        "new_entries": entries.filter(created_at__gte=start, created_at__lt=end).count(),
        "total_entries": entries.filter(status=EntryStatus.PUBLISHED).count(),
        "reviews_pending": ManualReview.objects.using(DB)
        .filter(status=ReviewStatus.PENDING)
        .count(),
        "queue_pending": SeedQueue.objects.using(DB).filter(status=QueueStatus.PENDING).count(),
        "ai_calls": ai["calls"] or 0,
        "ai_tokens_used": ai["tokens"] or 0,
    }
