"""`manage.py restore DIR [--noinput]`: makes this deployment what a backup of `manage.py
backup` holds: every database restored over the configured one and the stored files written
back, those the backup lacks deleted (mirubato.backup, docs/deploy.md "Backups"). Every file
of the backup is checked against its SHA-256 before anything is touched. Stop the web hosts and
the cron first.

A plain BaseCommand, not a RecordedCommand: the table runs are recorded in is one it restores."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mirubato.backup import BackupError, restore
from mirubato.storage import StorageUnavailable


class Command(BaseCommand):
    help = "Restore the three databases and the stored files from a backup folder."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path, metavar="DIR")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, folder: Path, interactive: bool = True, **options) -> None:
        if (
            interactive
            and input(
                f"This replaces every database and stored file with the backup in {folder}.\n"
                "Type 'yes' to continue: "
            )
            != "yes"
        ):
            raise CommandError("restore: cancelled, nothing changed.")
        started = time.monotonic()
        try:
            manifest = restore(folder, log=self.stdout.write)
        except (BackupError, StorageUnavailable) as error:
            raise CommandError(f"restore: {error}") from error
        self.stdout.write(
            f"restore: {len(manifest['databases'])} database(s) and {len(manifest['files'])} "
            f"file(s) from {folder} (taken {manifest['created_at']}) in "
            f"{time.monotonic() - started:.1f}s."
        )
