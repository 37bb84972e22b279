"""What the database's query planner knows of a table: how tests see that ANALYZE ran."""

from __future__ import annotations

from django.db import connections


def planner_row_count(alias: str, table: str) -> int:
    """How many rows the planner's statistics say `table` holds (0 where it has none)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            if "sqlite_stat1" not in connection.introspection.table_names(cursor):
                return 0
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
            row = cursor.fetchone()
            return int(row[0].split()[0]) if row and row[0] else 0
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return max(int(cursor.fetchone()[0]), 0)
