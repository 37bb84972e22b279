"""Daily rollups (daily_statistics, cache_metrics) and the popularity counters on entries."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from dictionary import caching
from dictionary.models import DB, CacheMetric, DailyStatistics, DictionaryEntry, SearchAnalytics
from dictionary.selectors.stats import day_figures
from dictionary.services.cache import cache_invalidate

POPULARITY_DAYS = 30


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
        cache_invalidate()  # ranking by popularity reads these
    return len(changed)
