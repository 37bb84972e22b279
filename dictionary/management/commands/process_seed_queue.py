"""Write queued terms through the AI provider within the daily token budget (cron).

Safe on several hosts at once: each item is claimed by exactly one runner.
"""

from __future__ import annotations

from django.core.management.base import CommandError

from dictionary.pipeline import provider
from dictionary.selectors.pipeline import budget_status, seed_queue_ready
from dictionary.services.pipeline.processor import seed_queue_process
from mirubato.commands import RecordedCommand


class Command(RecordedCommand):
    help = "Generate up to --limit queued dictionary entries (publish good ones, review the rest)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=10, help="Items to process (default 10).")
        parser.add_argument("--dry-run", action="store_true", help="List what would run.")

    def handle(self, *args, limit: int, dry_run: bool = False, **options) -> None:
        if limit < 1:
            raise CommandError("--limit must be at least 1.")
        if dry_run:
            self._dry_run(limit)
            return
        summary = seed_queue_process(limit=limit, progress=lambda t: self.stdout.write(f"  {t}"))
        counts = ("claimed", "published", "reviewed", "skipped", "retried", "dead", "tokens")
        self.finish(
            summary.line(), style="SUCCESS", **{name: getattr(summary, name) for name in counts}
        )

    def _dry_run(self, limit: int) -> None:
        budget = budget_status()
        source = provider.endpoint() if provider.configured() else "none (manual review)"
        self.stdout.write(f"  provider: {source}")
        self.stdout.write(f"  tokens today: {budget.used} of {budget.budget}")
        items = seed_queue_ready(limit=limit)
        for item in items:
            self.stdout.write(
                f"  would process: {item.term} ({item.lang}), priority {item.priority}"
            )
        line = f"process_seed_queue: would process {len(items)}."
        self.finish(line, style="SUCCESS", ready=len(items))
