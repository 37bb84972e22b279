"""Daily rollups (daily_statistics, cache_metrics) and the popularity counters on entries."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Avg, Count, Q, Sum
from django.utils import timezone

from dictionary import caching
from dictionary.models import (
    DB,
    AiTokenUsage,
    CacheMetric,
    DailyStatistics,
    DictionaryEntry,
    EntryStatus,
    ManualReview,
    QueueStatus,
    ReviewStatus,
    SearchAnalytics,
    SeedQueue,
)

POPULARITY_DAYS = 30


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


def daily_rollup(*, day: date, dry_run: bool = False) -> dict[str, object]:
    """Write (or rewrite) the day's statistics; running it twice gives the same rows."""
    figures = day_figures(day)
    hits, misses = caching.read_counters(day)
    known = CacheMetric.objects.using(DB).filter(date=day, cache_name=caching.LOOKUP_CACHE).first()
    if known and not (hits or misses):
        # Counters live in the cache and may have expired: keep what an earlier run saw.
        hits, misses = known.hits, known.misses
    rate = round(hits / (hits + misses), 4) if hits + misses else None
    figures["cache_hit_rate"] = rate
    if not dry_run:
        with transaction.atomic(using=DB):
            DailyStatistics.objects.using(DB).update_or_create(
                date=day, defaults={**figures, "updated_at": timezone.now()}
            )
            CacheMetric.objects.using(DB).update_or_create(
                date=day,
                cache_name=caching.LOOKUP_CACHE,
                defaults={
                    "hits": hits,
                    "misses": misses,
                    "hit_rate": rate,
                    "updated_at": timezone.now(),
                },
            )
    return figures


def popularity_rollup(*, dry_run: bool = False) -> int:
    """Set each entry's search_count to its found lookups over the last 30 days; returns
    how many entries changed."""
    since = timezone.now() - timedelta(days=POPULARITY_DAYS)
    counts = dict(
        SearchAnalytics.objects.using(DB)
        .filter(found=True, searched_at__gte=since)
        .exclude(entry_id="")
        .values_list("entry_id")
        .annotate(n=Count("id"))
    )
    changed = []
    for entry in DictionaryEntry.objects.using(DB).only("id", "search_count").iterator(2000):
        count = counts.get(entry.id, 0)
        if entry.search_count != count:
            entry.search_count = count
            changed.append(entry)
    if changed and not dry_run:
        with transaction.atomic(using=DB):
            DictionaryEntry.objects.using(DB).bulk_update(changed, ["search_count"], batch_size=500)
        caching.invalidate()  # ranking by popularity reads these
    return len(changed)
