"""Remove old usage rows, completed queue items and expired dead letters (cron, daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from dictionary.cleanup import plan, purge


class Command(BaseCommand):
    help = "Delete dictionary rows past their retention (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        total = 0
        for label, queryset in plan():
            if dry_run:
                count = queryset.count()
            else:
                count = purge(
                    queryset,
                    progress=lambda n, label=label: self.stdout.write(
                        f"  {label}: {n} deleted so far"
                    ),
                )
            total += count
            self.stdout.write(f"  {label}: {count}")
        verb = "would delete" if dry_run else "deleted"
        self.stdout.write(self.style.SUCCESS(f"cleanup_dictionary: {verb} {total} row(s)."))
