"""Import catalogue scores (CSV or JSON) and curated collections (JSON): an idempotent upsert
keyed by each row's stable `key` or its IMSLP URL. `make run` loads the demo catalogue with it.
A file with any invalid row writes nothing."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from mirubato.commands import RecordedCommand
from scores.services.importer import run_import


def resolve(name: str) -> Path:
    """A path as given, or relative to the project (so `load_demo` works from any directory)."""
    path = Path(name)
    if not path.exists() and not path.is_absolute():
        path = Path(settings.BASE_DIR) / name
    if not path.is_file():
        raise CommandError(f"No such file: {name}")
    if path.suffix.lower() not in (".csv", ".json"):
        raise CommandError("The file must be .csv or .json.")
    return path


class Command(RecordedCommand):
    help = "Upsert catalogue scores and curated collections from a CSV or JSON file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Path to a .csv or .json catalogue file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and count; write nothing."
        )
        parser.add_argument(
            "--update-collections",
            action="store_true",
            help="Overwrite existing curated collections (fields and member order) from the file.",
        )

    def _progress(self, done: int, total: int) -> None:
        if done % 100 == 0 or done == total:
            self.stdout.write(f"  {done}/{total} rows")

    def handle(
        self, *args, file: str, dry_run: bool = False, update_collections: bool = False, **options
    ) -> None:
        path = resolve(file)
        try:
            report = run_import(
                path,
                dry_run=dry_run,
                update_collections=update_collections,
                progress=self._progress,
            )
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(f"{path.name}: cannot read: {error}") from error
        if report.errors:
            for error in report.errors[:50]:
                self.stderr.write(error)
            raise CommandError(
                f"{path.name}: {len(report.errors)} invalid row(s); nothing was written."
            )
        prefix = "dry run, would have " if dry_run else ""
        self.finish(
            f"import_catalog {path.name}: {prefix}{report.created} created, "
            f"{report.updated} updated, {report.unchanged} unchanged; collections "
            f"{report.collections_created} created, {report.collections_updated} updated, "
            f"{report.collections_kept} kept.",
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            collections_created=report.collections_created,
            collections_updated=report.collections_updated,
            collections_kept=report.collections_kept,
        )
