"""Move a user base off the original Cloudflare deployment: `manage.py import_mirubato
--api API.sqlite3 --scores SCORES.sql --dictionary DICTIONARY.sql [--dry-run]`.

Each option names one of the original's three D1 databases, as a SQLite file or a `wrangler
d1 export` SQL dump (any subset may be given). Rows are checked by our rules and written
through our services, in batches of their own transaction; a row that fails is counted and
reported, and the rest is imported. Idempotent: a second run creates and changes nothing.
`--dry-run` reads and checks everything and writes nothing. What maps where:
docs/web-client.md, "Moving your data".
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import CommandError

from legacy.importer import ImportReport, SourceError, run_import
from mirubato.commands import RecordedCommand


class Command(RecordedCommand):
    help = "Import the original Mirubato's D1 databases (SQLite files or SQL dumps)."

    def add_arguments(self, parser) -> None:
        for name, what in (
            ("api", "the main API's database (users, logbook and sync data, repertoire, goals)"),
            ("scores", "the scores service's database (scores, collections, favourites)"),
            ("dictionary", "the dictionary's database (entries, relations, feedback)"),
        ):
            parser.add_argument(f"--{name}", type=Path, metavar="FILE", help=f"{what}.")
        parser.add_argument("--dry-run", action="store_true", help="Check all; write nothing.")
        parser.add_argument(
            "--batch-size", type=int, default=200, help="Rows per transaction (default 200)."
        )

    def _progress(self, table: str, done: int, total: int) -> None:
        self._last = getattr(self, "_last", 0.0)
        if done == total or time.monotonic() - self._last > 2:
            self._last = time.monotonic()
            self.stdout.write(f"  {table}: {done}/{total} rows")

    def _print(self, report: ImportReport) -> None:
        for table in report.tables.values():
            self.stdout.write(table.line(dry_run=report.dry_run))
            for reason in table.reasons:
                self.stdout.write(f"  - {reason}")
        for note in report.notes:
            self.stdout.write(f"Note: {note}")
        read = sum(t.read for t in report.tables.values())
        self.finish(report.total_line(), read=read, **report.totals)

    def handle(self, *args, **options) -> None:
        sources = {name: options.get(name) for name in ("api", "scores", "dictionary")}
        if not any(sources.values()):
            raise CommandError("Give at least one of --api, --scores, --dictionary.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be 1 or more.")
        try:
            report = run_import(
                api=sources["api"],
                scores_db=sources["scores"],
                dictionary_db=sources["dictionary"],
                dry_run=options["dry_run"],
                batch_size=options["batch_size"],
                progress=self._progress,
            )
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        self._print(report)
