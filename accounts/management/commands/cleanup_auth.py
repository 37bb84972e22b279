"""Deletes expired magic-link tokens and expired logins (with their refresh-token records).
Idempotent and safe on several hosts at once (see `accounts.services.cleanup`)."""

from __future__ import annotations

from django.utils import timezone

from accounts.services.cleanup import BATCH, auth_records_purge
from mirubato.commands import RecordedCommand


class Command(RecordedCommand):
    help = "Delete expired login tokens and expired login sessions."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        counts = auth_records_purge(now=timezone.now(), dry_run=dry_run, progress=self._progress)
        verb = "would delete" if dry_run else "deleted"
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.finish(f"cleanup_auth: {verb} {summary}", **counts)

    def _progress(self, label: str, done: int) -> None:
        if done and done % (BATCH * 10) == 0:
            self.stdout.write(f"  {done} {label} so far")
