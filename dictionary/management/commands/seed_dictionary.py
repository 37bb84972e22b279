"""Load the shipped seed set and queue the curated term list (idempotent; run by make run)."""

from __future__ import annotations

from dataclasses import asdict

from dictionary.services.seeding import seed_load
from mirubato.commands import RecordedCommand


class Command(RecordedCommand):
    help = "Load the dictionary's core entries and queue the curated terms (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        summary = seed_load(dry_run=dry_run, progress=lambda text: self.stdout.write(f"  {text}"))
        self.finish(summary.line(dry_run=dry_run), style="SUCCESS", **asdict(summary))
