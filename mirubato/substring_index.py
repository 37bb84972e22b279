"""Index-backed substring search on folded text columns (`column LIKE '%text%'`).

A LIKE with a leading wildcard reads every row. PostgreSQL answers it from a pg_trgm GIN index
on the column, with no change to the query. SQLite cannot index LIKE, so an indexed table gets
an FTS5 trigram index of the same columns (external content: it stores no second copy of the
text), kept current by triggers and keyed by the table's rowid, and
`SubstringIndex.containing()` adds a `rowid IN (lookup there)` condition. That lookup returns a
superset (it folds case more widely than LIKE does), so the query keeps its own LIKE, which
still decides; the index only narrows the rows it reads.

The index is an accelerator, never a dependency: where the database lacks it (pg_trgm not
installable, SQLite without FTS5's trigram tokenizer), installing skips it and searches scan
as before. Installing is idempotent and rebuilds the SQLite index, so a later migration that
rebuilds the table on SQLite (which drops its triggers and renumbers rows) runs it again, as
does `manage.py analyze_databases --rebuild-search` after a VACUUM (which may renumber rows too).

SQLite's planner only prefers the index once the table has statistics (it never gathers them
itself): `analyze()` runs a bounded ANALYZE, called after bulk loads.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import DatabaseError, connections, transaction
from django.db.migrations import RunPython
from django.db.models import BooleanField, Expression, Q

logger = logging.getLogger(__name__)

# Trigram matching needs three characters; shorter text can only be found by scanning.
MIN_LENGTH = 3
# Rows ANALYZE samples per index on SQLite: enough for the planner, quick on any size.
ANALYSIS_ROWS = 1000
# Every index declared (next to its model), for the maintenance command.
INDEXES: list[SubstringIndex] = []
# SQLite: whether a database file has the FTS table, looked up once per file and process.
_seen: dict[tuple[str, str], bool] = {}


@dataclass(frozen=True)
class SubstringIndex:
    alias: str  # the database the table lives on
    table: str
    columns: tuple[str, ...]

    def __post_init__(self) -> None:
        INDEXES.append(self)

    @property
    def fts_table(self) -> str:
        return f"{self.table}_substring"

    def operation(self) -> RunPython:
        """The migration step that installs the index (and removes it when unapplied)."""
        return RunPython(self._install, self._uninstall, elidable=False)

    def containing(self, texts: list[str], columns: tuple[str, ...] = ()) -> Q:
        """A condition kept by every row whose `columns` (default: all) contain each of
        `texts` somewhere (one column per text). Empty where there is nothing to narrow with."""
        return self.matching(self.match_query(texts, columns))

    def match_query(self, texts: list[str], columns: tuple[str, ...] = ()) -> str:
        """What `containing` asks the index, as text ("" where it would not narrow): for a
        query prepared once (mirubato.prepared), which takes it as a value of its own."""
        usable = [t for t in texts if len(t) >= MIN_LENGTH]
        if not usable or not self._has_fts(self.alias):
            return ""
        spec = "{" + " ".join(columns or self.columns) + "}"
        return " AND ".join(f'{spec} : "{t.replace(chr(34), chr(34) * 2)}"' for t in usable)

    def matching(self, match_query: str) -> Q:
        """The condition of a `match_query` answer (empty for "")."""
        return Q(_RowidMatches(self.fts_table, match_query)) if match_query else Q()

    def rebuild(self) -> bool:
        """Re-reads every row into the SQLite index (after a VACUUM renumbered rows); False
        where there is none to rebuild (PostgreSQL keeps its own indexes right)."""
        if not self._has_fts(self.alias, fresh=True):
            return False
        with connections[self.alias].cursor() as cursor:
            cursor.execute(
                f'INSERT INTO "{self.fts_table}"("{self.fts_table}") VALUES (%s)', ["rebuild"]
            )
        return True

    def analyze(self) -> None:
        """Fresh planner statistics for the table (after a bulk load)."""
        analyze(self.alias, self.table)

    def installed(self) -> bool:
        connection = connections[self.alias]
        if connection.vendor == "postgresql":
            names = {f"{self.table}_{c}_trgm" for c in self.columns}
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT indexname FROM pg_indexes WHERE tablename = %s", [self.table]
                )
                return names <= {row[0] for row in cursor.fetchall()}
        return self._has_fts(self.alias, fresh=True)

    def _has_fts(self, using: str, fresh: bool = False) -> bool:
        connection = connections[using]
        if connection.vendor != "sqlite":
            return False
        key = (str(connection.settings_dict["NAME"]), self.fts_table)
        if fresh or key not in _seen:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
                    [self.fts_table, *self._trigger_names()],
                )
                _seen[key] = cursor.fetchone()[0] == 4
        return _seen[key]

    def _install(self, apps, schema_editor) -> None:
        connection = schema_editor.connection
        if connection.vendor == "postgresql":
            self._install_trigram(connection)
        elif connection.vendor == "sqlite":
            self._install_fts(connection)
        analyze(connection.alias, self.table)
        _seen.clear()

    def _uninstall(self, apps, schema_editor) -> None:
        with schema_editor.connection.cursor() as cursor:
            if schema_editor.connection.vendor == "postgresql":
                for column in self.columns:
                    cursor.execute(f'DROP INDEX IF EXISTS "{self.table}_{column}_trgm"')
            elif schema_editor.connection.vendor == "sqlite":
                for name in self._trigger_names():
                    cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
                cursor.execute(f'DROP TABLE IF EXISTS "{self.fts_table}"')
        _seen.clear()

    def _install_trigram(self, connection) -> None:
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError as error:
            logger.warning("substring index on %s skipped: %s", self.table, error)
            return
        with connection.cursor() as cursor:
            for column in self.columns:
                cursor.execute(
                    f'CREATE INDEX IF NOT EXISTS "{self.table}_{column}_trgm" '
                    f'ON "{self.table}" USING gin ("{column}" gin_trgm_ops)'
                )

    def _install_fts(self, connection) -> None:
        names = ", ".join(f'"{c}"' for c in self.columns)
        try:
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute(
                    f'CREATE VIRTUAL TABLE IF NOT EXISTS "{self.fts_table}" '
                    f"USING fts5({names}, content='{self.table}', content_rowid='rowid', "
                    "tokenize='trigram')"
                )
        except DatabaseError as error:
            logger.warning("substring index on %s skipped: %s", self.table, error)
            return
        with connection.cursor() as cursor:
            for statement in self._fts_statements():
                cursor.execute(statement)

    def _trigger_names(self) -> list[str]:
        return [f"{self.fts_table}_{suffix}" for suffix in ("insert", "update", "delete")]

    def _fts_statements(self) -> list[str]:
        t, fts = self.table, self.fts_table
        names = ", ".join(f'"{c}"' for c in self.columns)
        new = ", ".join(f'new."{c}"' for c in self.columns)
        old = ", ".join(f'old."{c}"' for c in self.columns)
        add = f'INSERT INTO "{fts}" (rowid, {names}) VALUES (new.rowid, {new});'
        # External content: the index forgets a row when told the values it indexed.
        remove = (
            f'INSERT INTO "{fts}" ("{fts}", rowid, {names}) VALUES (\'delete\', old.rowid, {old});'
        )
        changed = " OR ".join(f'old."{c}" IS NOT new."{c}"' for c in self.columns)
        insert, update, delete = self._trigger_names()
        return [
            *(f'DROP TRIGGER IF EXISTS "{name}"' for name in self._trigger_names()),
            f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')',
            f'CREATE TRIGGER "{insert}" AFTER INSERT ON "{t}" BEGIN {add} END',
            f'CREATE TRIGGER "{update}" AFTER UPDATE OF {names} ON "{t}" '
            f"WHEN {changed} BEGIN {remove} {add} END",
            f'CREATE TRIGGER "{delete}" AFTER DELETE ON "{t}" BEGIN {remove} END',
        ]


def analyze(using: str, table: str = "") -> int:
    """Planner statistics for one table or every project table of a database. On SQLite a
    bounded sample (quick on any size); SQLite gathers none by itself, and without them it
    prefers any equality index over the substring index. Table by table, never a bare ANALYZE:
    on PostgreSQL that also locks the shared catalogues, which two databases' ANALYZEs in open
    transactions (one process, several aliases) would then wait on from each other. Returns
    how many tables were analyzed."""
    connection = connections[using]
    tables = [table] if table else connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_ROWS}")
        for name in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(name)}")
    return len(tables)


class _RowidMatches(Expression):
    """`<table>.rowid IN (rows the FTS query matches)`. The table's alias is read when the
    query compiles, so the condition stays right inside subqueries that rename it."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, fts_table: str, match: str) -> None:
        super().__init__()
        self.fts_table, self.match = fts_table, match

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        fts = self.fts_table
        return f'{alias}.rowid IN (SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH %s)', [self.match]
