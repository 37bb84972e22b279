"""The importer's readers (a SQLite file or a `wrangler d1 export` dump → rows) and its
reading of the original's values; no Django database involved."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime

import pytest

from legacy.importer.readers import SourceError, open_source
from legacy.importer.values import RowError, day, derived_id, derived_score_id, json_of, moment
from tests.legacy import importer_data as data


def test_a_sqlite_file_is_read_and_never_changed(tmp_path):
    path = data.build(tmp_path, dump=False)["api"]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    source = open_source("api", path)
    assert source.kind == "SQLite file" and source.count("users") == 2
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        source.connection.execute("DELETE FROM users")
    source.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_a_dump_loads_text_with_semicolons_newlines_and_quotes(tmp_path):
    path = tmp_path / "api.sql"
    path.write_text(
        "PRAGMA defer_foreign_keys=TRUE;\n"
        "CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT, display_name TEXT);\n"
        'INSERT INTO "users" ("id","email","display_name") VALUES(\'u1\',\'a@b.c\',\'O\'\'Brien;\n'
        "second line'); INSERT INTO \"users\" VALUES('u2','c@d.e',NULL);\n"
    )
    source = open_source("api", path)
    rows = list(source.rows("users", order_by=("id",)))
    assert [r["display_name"] for r in rows] == ["O'Brien;\nsecond line", None]
    assert (source.kind, source.dump_failed) == ("SQL dump", 0)


def test_a_dump_with_triggers_loads(tmp_path):
    path = data.build(tmp_path, dump=True)["api"]
    assert "BEGIN\n  UPDATE sync_data" in path.read_text()
    source = open_source("api", path)
    assert source.dump_failed == 0 and source.count("sync_data") == 6


def test_a_statement_sqlite_refuses_is_counted_and_the_rest_loads(tmp_path):
    path = tmp_path / "api.sql"
    path.write_text(
        "CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT);\n"
        "INSERT INTO users VALUES('u1','a@b.c');\n"
        "INSERT INTO users VALUES('u1','duplicate@b.c');\n"
        "INSERT INTO users VALUES('u2','c@d.e');\n"
    )
    source = open_source("api", path)
    assert source.count("users") == 2
    assert source.dump_failed == 1 and "UNIQUE constraint failed" in source.dump_errors[0]


def test_a_missing_table_has_no_rows(tmp_path):
    source = open_source("dictionary", data.build(tmp_path, dump=True)["dictionary"])
    assert list(source.rows("embeddings")) == [] and source.count("embeddings") == 0


def test_a_missing_file_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        open_source("api", tmp_path / "nothing.sqlite3")


@pytest.mark.parametrize(
    "value",
    [1700000000, 1700000000000, "1700000000", "2023-11-14 22:13:20", "2023-11-14T22:13:20.000Z"],
)
def test_the_originals_three_time_shapes_read_as_one_instant(value):
    assert moment(value) == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


@pytest.mark.parametrize("value", [None, "", "yesterday", -5, float("nan")])
def test_what_is_not_a_time_reads_as_none(value):
    assert moment(value) is None


def test_a_date_column_keeps_its_day():
    assert day("2024-03-01T00:00:00.000Z") == "2024-03-01"
    assert day(None) is None


def test_json_columns_must_hold_the_kind_they_are():
    assert json_of('{"a": 1}', dict, "metadata") == {"a": 1}
    assert json_of(None, list, "tags", default=[]) == []
    with pytest.raises(RowError, match="tags: must be a JSON array"):
        json_of('{"a": 1}', list, "tags")
    with pytest.raises(RowError, match="metadata: not valid JSON"):
        json_of("{oops", dict, "metadata")


def test_derived_ids_are_stable_and_in_our_forms():
    assert (
        derived_id("goal", "u", "g1")
        == derived_id("goal", "u", "g1")
        != derived_id("goal", "u", "g2")
    )
    assert len(derived_id("goal", "u", "g1")) == 26
    score_id = derived_score_id(data.SKETCH)
    assert score_id.startswith("score_") and len(score_id) == 26
    from scores.selectors import is_catalogue_id

    assert is_catalogue_id(score_id)
