"""Daily rollup: daily_statistics and cache_metrics for a day, and popularity counters."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.management.base import CommandError
from django.utils import timezone

from dictionary.services.stats import daily_rollup, popularity_rollup
from mirubato.commands import RecordedCommand


class Command(RecordedCommand):
    help = "Roll up dictionary statistics for recent days (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="Last day to roll up, YYYY-MM-DD (default today, UTC).")
        parser.add_argument("--days", type=int, default=2, help="Days ending at --date (2).")
        parser.add_argument("--dry-run", action="store_true", help="Compute, write nothing.")

    def handle(self, *args, days: int, dry_run: bool = False, **options) -> None:
        last = self._date(options.get("date"))
        if not 1 <= days <= 366:
            raise CommandError("--days must be between 1 and 366.")
        for offset in range(days - 1, -1, -1):
            day = last - timedelta(days=offset)
            figures = daily_rollup(day=day, dry_run=dry_run)
            self.stdout.write(
                f"  {day}: {figures['total_searches']} searches, "
                f"{figures['successful_searches']} found, {figures['ai_tokens_used']} AI tokens, "
                f"cache hit rate {figures['cache_hit_rate']}"
            )
        changed = popularity_rollup(dry_run=dry_run)
        verb = "would update" if dry_run else "updated"
        line = f"dictionary_stats: {days} day(s) rolled up, {verb} popularity of {changed} entries."
        self.finish(line, style="SUCCESS", days=days, popularity_updated=changed)

    def _date(self, raw: str | None) -> date:
        if not raw:
            return timezone.now().date()
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise CommandError("--date must be YYYY-MM-DD.") from None
