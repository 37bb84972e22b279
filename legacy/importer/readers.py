"""Readers: one of the original's D1 databases, given as a SQLite file or as a SQL dump
(`wrangler d1 export`: `CREATE TABLE` and `INSERT INTO` statements), opened as a sqlite3
connection, and its tables read as plain dict rows.

A SQLite file is opened read-only: the import never changes its source. A dump is loaded
statement by statement into an in-memory database, so one statement SQLite refuses (a
malformed INSERT) is reported and the rest still loads.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_DUMP_ERRORS = 5
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class SourceError(Exception):
    """A source that cannot be read at all (missing, not SQLite, not a dump)."""


@dataclass
class Source:
    """An opened original database. `label` names it in messages (`api`, `scores`...)."""

    label: str
    path: Path
    kind: str  # "SQLite file" or "SQL dump"
    connection: sqlite3.Connection
    dump_errors: list[str] = field(default_factory=list)
    dump_failed: int = 0

    def tables(self) -> set[str]:
        rows = self.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}

    def has(self, table: str) -> bool:
        return table in self.tables()

    def columns(self, table: str) -> set[str]:
        return {row[1] for row in self.connection.execute(f'PRAGMA table_info("{table}")')}

    def count(self, table: str) -> int:
        if not self.has(table):
            return 0
        return self.connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]

    def rows(self, table: str, order_by: tuple[str, ...] = ()) -> Iterator[dict[str, Any]]:
        """Every row of `table` (none if the table is missing), ordered by those of
        `order_by` the table has (then by rowid, so the order is stable)."""
        if not self.has(table) or not _NAME.match(table):
            return iter(())
        present = self.columns(table)
        keys = [f'"{c}"' for c in order_by if c in present and _NAME.match(c)]
        order = ", ".join([*keys, "rowid"]) if _has_rowid(self, table) else ", ".join(keys)
        sql = f'SELECT * FROM "{table}"' + (f" ORDER BY {order}" if order else "")
        cursor = self.connection.execute(sql)
        names = [d[0] for d in cursor.description]
        return (dict(zip(names, row, strict=True)) for row in cursor)

    def close(self) -> None:
        self.connection.close()


def _has_rowid(source: Source, table: str) -> bool:
    try:
        source.connection.execute(f'SELECT rowid FROM "{table}" LIMIT 1')
    except sqlite3.OperationalError:  # a WITHOUT ROWID table
        return False
    return True


def _split(text: str) -> Iterator[str]:
    """The complete statements in `text`, which ends one: a `;` ends a statement only where
    SQLite agrees (not inside a string, nor inside a trigger's BEGIN ... END)."""
    start = 0
    for end, char in enumerate(text):
        if char == ";" and sqlite3.complete_statement(text[start : end + 1]):
            yield text[start : end + 1].strip()
            start = end + 1


def _statements(path: Path) -> Iterator[str]:
    """The dump's statements one by one (a statement may span lines, or share one)."""
    buffer = ""
    with path.open(encoding="utf-8-sig", errors="strict") as dump:
        for line in dump:
            buffer += line
            if sqlite3.complete_statement(buffer):
                yield from _split(buffer)
                buffer = ""
    if buffer.strip():
        yield buffer.strip()  # an unfinished last statement: SQLite will say what is wrong


def _load_dump(source: Source) -> None:
    loaded = 0
    for statement in _statements(source.path):
        try:
            source.connection.execute(statement)
            loaded += 1
        except sqlite3.Error as exc:
            source.dump_failed += 1
            if len(source.dump_errors) < MAX_DUMP_ERRORS:
                source.dump_errors.append(f"{exc}: {statement[:120]}")
    source.connection.commit()
    if not loaded:
        raise SourceError(f"{source.label}: {source.path} holds no SQL statement SQLite accepts.")


def open_source(label: str, path: Path) -> Source:
    """The database at `path`: a SQLite file (opened read-only) or a SQL dump (loaded into
    memory). Raises SourceError when it is neither."""
    if not path.is_file():
        raise SourceError(f"{label}: no such file: {path}")
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        return Source(label, path, "SQLite file", connection)
    source = Source(label, path, "SQL dump", sqlite3.connect(":memory:"))
    try:
        _load_dump(source)
    except UnicodeDecodeError as exc:
        source.close()
        raise SourceError(f"{label}: {path} is neither a SQLite file nor a SQL dump.") from exc
    except SourceError:
        source.close()
        raise
    return source
