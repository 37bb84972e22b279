"""Remove old usage rows, completed queue items and expired dead letters (cron, daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from dictionary.services.cleanup import cleanup_run


class Command(BaseCommand):
    help = "Delete dictionary rows past their retention (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        total = 0
        for label, count in cleanup_run(dry_run=dry_run, progress=self._progress):
            total += count
            self.stdout.write(f"  {label}: {count}")
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(self.style.SUCCESS(f"cleanup_dictionary: {verb} {total} row(s)."))

    def _progress(self, label: str, deleted: int) -> None:
        self.stdout.write(f"  {label}: {deleted} deleted so far")
