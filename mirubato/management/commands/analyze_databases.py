"""Planner statistics for every database, and on request a rebuild of the SQLite substring
indexes (cron, daily; see docs/operations.md)."""

from __future__ import annotations

from django.conf import settings

from mirubato import substring_index
from mirubato.commands import RecordedCommand


class Command(RecordedCommand):
    help = (
        "ANALYZE every database (SQLite gathers no statistics by itself), and with "
        "--rebuild-search re-read the SQLite substring indexes (needed after a VACUUM)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--rebuild-search",
            action="store_true",
            help="Also rebuild the SQLite substring search indexes from their tables.",
        )

    def handle(self, *args, rebuild_search: bool = False, **options) -> None:
        rebuilt = 0
        if rebuild_search:
            for index in substring_index.INDEXES:
                if index.rebuild():
                    rebuilt += 1
                    self.stdout.write(f"  {index.alias}: {index.table} search index rebuilt")
        tables = 0
        for alias in settings.DATABASES:
            analyzed = substring_index.analyze(alias)
            tables += analyzed
            self.stdout.write(f"  {alias}: {analyzed} table(s) analyzed")
        line = (
            f"analyze_databases: {len(settings.DATABASES)} database(s), {tables} table(s) analyzed"
        )
        line += f", {rebuilt} search index(es) rebuilt." if rebuild_search else "."
        self.finish(
            line,
            style="SUCCESS",
            databases=len(settings.DATABASES),
            tables=tables,
            rebuilt=rebuilt,
        )
