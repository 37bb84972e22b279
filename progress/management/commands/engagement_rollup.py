"""Daily rollup of the engagement figures staff read in the admin (engagement_daily): daily
and weekly active users, practice minutes, streak retention, per UTC day. Idempotent: a day
is recomputed on every run that covers it, so `--days 2` also settles yesterday's late syncs."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.management.base import CommandError
from django.utils import timezone

from mirubato.commands import RecordedCommand
from progress.services.engagement import engagement_rollup


class Command(RecordedCommand):
    help = "Roll up engagement figures (active users, minutes, streak retention) for recent days."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="Last day to roll up, YYYY-MM-DD (default today, UTC).")
        parser.add_argument("--days", type=int, default=2, help="Days ending at --date (2).")
        parser.add_argument("--dry-run", action="store_true", help="Compute, write nothing.")

    def handle(self, *args, days: int, dry_run: bool = False, **options) -> None:
        last = self._date(options.get("date"))
        if not 1 <= days <= 366:
            raise CommandError("--days must be between 1 and 366.")
        rows = engagement_rollup(first=last - timedelta(days=days - 1), last=last, dry_run=dry_run)
        for row in rows:
            retention = row["streak_retention"]
            kept = "-" if retention is None else f"{retention:.0%}"
            self.stdout.write(
                f"  {row['day']}: {row['active_users']} active ({row['weekly_active_users']} "
                f"this week), {row['practice_minutes']:.0f} minutes, streaks kept {kept}"
            )
        verb = "computed" if dry_run else "rolled up"
        latest = rows[-1]
        self.finish(
            f"engagement_rollup: {verb} {len(rows)} day(s).",
            style="SUCCESS",
            days=len(rows),
            active_users=latest["active_users"],
        )

    def _date(self, raw: str | None) -> date:
        if not raw:
            return timezone.now().date()
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise CommandError("--date must be YYYY-MM-DD.") from None
