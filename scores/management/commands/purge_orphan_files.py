"""Cron: `manage.py purge_orphan_files` removes stored files under `scores/` that no row points
at and that are older than SCORES_ORPHAN_GRACE_MINUTES (what a storage outage half way through
an upload or a render, or a crashed process, leaves behind; scores.services.orphans).
Idempotent and safe on several hosts at once; `--dry-run` lists them and removes nothing."""

from __future__ import annotations

import argparse
from datetime import timedelta

from django.conf import settings

from mirubato.commands import RecordedCommand
from scores.services.orphans import OrphanSweep, orphan_files_purge


def _minutes(text: str) -> int:
    """0 or more: a negative age would reach uploads still being written."""
    try:
        minutes = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if minutes < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return minutes


class Command(RecordedCommand):
    help = "Remove stored score files no row points at (see SCORES_ORPHAN_GRACE_MINUTES)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List, remove nothing.")
        parser.add_argument(
            "--older-than",
            type=_minutes,
            default=None,
            metavar="MINUTES",
            help="Override SCORES_ORPHAN_GRACE_MINUTES for this run.",
        )

    def handle(self, *args, dry_run: bool = False, older_than: int | None = None, **options):
        minutes = settings.SCORES_ORPHAN_GRACE_MINUTES if older_than is None else older_than
        verb = "would remove" if dry_run else "removed"

        def progress(sweep: OrphanSweep, orphans: list[str]) -> None:
            for name in orphans:
                self.stdout.write(f"  {verb} {name}")
            self.stdout.write(f"  checked {sweep.checked} stored file(s)")

        sweep = orphan_files_purge(
            older_than=timedelta(minutes=minutes), dry_run=dry_run, progress=progress
        )
        count = sweep.orphans if dry_run else sweep.removed
        self.finish(
            f"purge_orphan_files: {verb} {count} of {sweep.orphans} orphan file(s) older than "
            f"{minutes} minutes among {sweep.checked} stored.",
            checked=sweep.checked,
            orphans=sweep.orphans,
            removed=sweep.removed,
        )
