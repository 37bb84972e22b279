"""Remove old usage rows, completed queue items and expired dead letters (cron, daily)."""

from __future__ import annotations

from dictionary.services.cleanup import cleanup_run
from mirubato.commands import RecordedCommand


class Command(RecordedCommand):
    help = "Delete dictionary rows past their retention (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        counts: dict[str, int] = {}
        for label, count in cleanup_run(dry_run=dry_run, progress=self._progress):
            counts[label] = counts.get(label, 0) + count
            self.stdout.write(f"  {label}: {count}")
        verb = "would delete" if dry_run else "deleted"
        line = f"cleanup_dictionary: {verb} {sum(counts.values())} row(s)."
        self.finish(line, style="SUCCESS", **counts)

    def _progress(self, label: str, deleted: int) -> None:
        self.stdout.write(f"  {label}: {deleted} deleted so far")
