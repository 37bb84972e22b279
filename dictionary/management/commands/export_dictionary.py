"""Export the published dictionary to a JSON or CSV file (streamed), logged in export_history."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from dictionary.models import ExportFormat, Lang
from dictionary.selectors.exporting import export_count
from dictionary.services.exporting import export_record, export_to_file
from mirubato.commands import RecordedCommand


class Command(RecordedCommand):
    help = "Write every published entry (optionally one language) to a JSON or CSV file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=ExportFormat.values, default=ExportFormat.JSON)
        parser.add_argument("--lang", choices=Lang.values, default="")
        parser.add_argument("--output", help="File to write (default: DICTIONARY_EXPORT_DIR).")
        parser.add_argument("--dry-run", action="store_true", help="Count, write nothing.")

    def handle(self, *args, format: str, lang: str, dry_run: bool = False, **options) -> None:
        path = Path(options.get("output") or self._default_path(format, lang))
        total = export_count(lang=lang)
        if dry_run:
            line = f"export_dictionary: would write {total} entries to {path}."
            self.finish(line, style="SUCCESS", entries=total)
            return
        try:
            count, size = export_to_file(
                fmt=format,
                lang=lang,
                path=path,
                progress=lambda n: self.stdout.write(f"  {n} entries written"),
            )
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc}") from exc
        export_record(
            fmt=format,
            lang=lang,
            total=count,
            size=size,
            path=str(path),
            requested_by="command",
            via="command",
        )
        line = f"export_dictionary: wrote {count} entries ({size} bytes) to {path}."
        self.finish(line, style="SUCCESS", entries=count, bytes=size)

    def _default_path(self, fmt: str, lang: str) -> Path:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        return Path(settings.DICTIONARY_EXPORT_DIR) / f"dictionary-{lang or 'all'}-{stamp}.{fmt}"
