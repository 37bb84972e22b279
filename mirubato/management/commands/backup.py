"""`manage.py backup DIR`: every database (pg_dump, or SQLite's online backup) and every stored
file (filesystem or S3) into a new folder, with a manifest of SHA-256 sums (mirubato.backup,
docs/deploy.md "Backups"). Safe while the hosts serve: each dump is one consistent snapshot.

A plain BaseCommand, not a RecordedCommand: its own run row would be in the dump it takes, and
come back from a restore as a run that never ended."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mirubato.backup import BackupError, backup
from mirubato.storage import StorageUnavailable


class Command(BaseCommand):
    help = "Back up the three databases and every stored file into DIR (new or empty)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path, metavar="DIR")

    def handle(self, *args, folder: Path, **options) -> None:
        started = time.monotonic()
        try:
            manifest = backup(folder, log=self.stdout.write)
        except (BackupError, StorageUnavailable) as error:
            raise CommandError(f"backup: {error}") from error
        self.stdout.write(
            f"backup: {len(manifest['databases'])} database(s) and {len(manifest['files'])} "
            f"file(s) in {folder} in {time.monotonic() - started:.1f}s."
        )
