"""Cron: `manage.py purge_sync` deletes expired idempotency keys and tombstones older than
SYNC_TOMBSTONE_RETENTION_DAYS. Idempotent, safe on several hosts at once (each user's purge
holds that user's feed lock), `--dry-run` only counts."""

from __future__ import annotations

import argparse
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from mirubato.commands import RecordedCommand
from sync.services.purge import idempotency_keys_purge, tombstones_purge

PROGRESS_EVERY = 100


def _days(text: str) -> int:
    """A whole number of days, 0 or more: a negative one would put the cutoff in the future
    and purge the tombstones of deletes made a moment ago."""
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if days < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return days


class Command(RecordedCommand):
    help = "Delete expired idempotency keys and old tombstones (see SYNC_TOMBSTONE_RETENTION_DAYS)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")
        parser.add_argument(
            "--retention-days",
            type=_days,
            default=None,
            help="Override SYNC_TOMBSTONE_RETENTION_DAYS for this run.",
        )

    def _progress(self, done: int, total: int) -> None:
        if done % PROGRESS_EVERY == 0 or done == total:
            self.stdout.write(f"  tombstones: {done}/{total} users")

    def handle(self, *args, dry_run: bool = False, retention_days: int | None = None, **options):
        days = settings.SYNC_TOMBSTONE_RETENTION_DAYS if retention_days is None else retention_days
        now = timezone.now()
        keys = idempotency_keys_purge(now=now, dry_run=dry_run)
        tombstones, users = tombstones_purge(
            cutoff=now - timedelta(days=days), dry_run=dry_run, progress=self._progress
        )
        verb = "would delete" if dry_run else "deleted"
        self.finish(
            f"purge_sync: {verb} {keys} expired idempotency key(s) and {tombstones} "
            f"tombstone(s) older than {days} days of {users} user(s).",
            idempotency_keys=keys,
            tombstones=tombstones,
            users=users,
        )
