"""`manage.py analyze_databases`: statistics for every database, and a rebuild of the SQLite
substring indexes on request (after a VACUUM renumbered rows)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connections

from dictionary.models import KEY_SEARCH
from dictionary.selectors.entries import published
from dictionary.selectors.search import _ranked, _ranking_values, entry_search
from mirubato.models import CommandRun
from tests.dictionary.factories import EntryFactory
from tests.planner import planner_row_count

pytestmark = pytest.mark.django_db(databases=["default", "scores", "dictionary"])


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("analyze_databases", *args, stdout=out)
    return out.getvalue()


def terms(q: str) -> list[str]:
    return [i["term"] for i in entry_search(key=q, lang="", type="", limit=10, offset=0).items]


def test_every_database_is_analyzed_and_the_run_recorded():
    EntryFactory.create_batch(3)
    out = run()
    assert planner_row_count(KEY_SEARCH.alias, KEY_SEARCH.table) == 3
    tables = {
        alias: len(connections[alias].introspection.django_table_names(only_existing=True))
        for alias in ("default", "scores", "dictionary")
    }
    for alias, count in tables.items():
        assert f"{alias}: {count} table(s) analyzed" in out
    total = sum(tables.values())
    assert f"analyze_databases: 3 database(s), {total} table(s) analyzed." in out
    recorded = CommandRun.objects.filter(command="analyze_databases").get()
    assert recorded.outcome == CommandRun.Outcome.OK
    assert recorded.counts["tables"] == total


def test_a_rebuild_brings_back_what_the_sqlite_index_lost():
    if connections[KEY_SEARCH.alias].vendor != "sqlite":
        pytest.skip("PostgreSQL's trigram indexes are kept by the database; nothing to rebuild")
    EntryFactory(term="Morendo")
    with connections[KEY_SEARCH.alias].cursor() as cursor:  # what a VACUUM can leave
        cursor.execute(
            f"INSERT INTO {KEY_SEARCH.fts_table}({KEY_SEARCH.fts_table}) VALUES ('delete-all')"
        )
    assert terms("orend") == []
    out = run("--rebuild-search")
    assert "dictionary_entries search index rebuilt" in out
    assert terms("orend") == ["Morendo"]


def test_once_analyzed_the_search_reads_through_the_index():
    if connections[KEY_SEARCH.alias].vendor != "sqlite":
        pytest.skip("PostgreSQL chooses between scan and trigram index by its own statistics")
    for n in range(200):
        EntryFactory(term=f"Dolce {n}", lang="en")
    run()
    sql, params = _ranked(
        published(lang="en"), **_ranking_values("dolce 1")
    ).query.sql_with_params()
    with connections[KEY_SEARCH.alias].cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    # Rows are fetched by rowid from what the index matched, not scanned by language.
    assert KEY_SEARCH.fts_table in plan and "INTEGER PRIMARY KEY" in plan, plan
