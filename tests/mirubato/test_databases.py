"""Three databases: each holds only its own apps' tables, and models go to their own alias."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connections, router

from dictionary.models import DictionaryEntry
from mirubato import substring_index
from repertoire.models import UserRepertoire
from scores.models import Score
from sync.models import SyncData
from sync.services import entity_write
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores", "dictionary"])

OWN_APPS = {"scores": {"scores"}, "dictionary": {"dictionary"}}


# An FTS5 table and the shadow tables SQLite keeps for it (external content: no copy of rows).
FTS_SHADOWS = ("", "_data", "_idx", "_docsize", "_config")


def expected_tables(alias: str) -> set[str]:
    tables = {"django_migrations"}
    for model in apps.get_models(include_auto_created=True):
        if router.allow_migrate_model(alias, model):
            tables.add(model._meta.db_table)
    if connections[alias].vendor == "sqlite":
        for index in substring_index.INDEXES:
            if index.alias == alias:
                tables |= {f"{index.fts_table}{suffix}" for suffix in FTS_SHADOWS}
    return tables


@pytest.mark.parametrize("alias", ["default", "scores", "dictionary"])
def test_each_database_holds_exactly_its_own_tables(alias):
    # sqlite_* tables are SQLite's own (sqlite_stat1 holds the planner's statistics).
    actual = {
        t for t in connections[alias].introspection.table_names() if not t.startswith("sqlite_")
    }
    assert actual == expected_tables(alias)


@pytest.mark.parametrize("alias", ["scores", "dictionary"])
def test_routed_databases_hold_only_their_app(alias):
    labels = {
        model._meta.app_label
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in connections[alias].introspection.table_names()
    }
    assert labels == OWN_APPS[alias]


def test_default_database_has_no_scores_or_dictionary_tables():
    tables = set(connections["default"].introspection.table_names())
    assert "scores" not in tables
    assert "dictionary_entries" not in tables
    assert {"users", "sync_data", "user_repertoire"} <= tables


def row_exists(alias: str, table: str, pk: str) -> bool:
    with connections[alias].cursor() as cursor:
        if table not in connections[alias].introspection.table_names(cursor):
            return False
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0] == 1


def test_each_app_model_reads_and_writes_through_its_alias():
    user = UserFactory()
    rows = {
        "default": [
            ("users", user),
            (
                "sync_data",
                entity_write(user=user, entity_type="logbook_entry", entity_id="e1", data={}),
            ),
            ("user_repertoire", UserRepertoire.objects.create(user=user, score_id="s1")),
        ],
        "scores": [
            (
                "scores",
                Score.objects.create(
                    title="Prelude", composer="Bach", instrument="piano", difficulty="beginner"
                ),
            ),
        ],
        "dictionary": [
            (
                "dictionary_entries",
                DictionaryEntry.objects.create(
                    term="Allegro",
                    normalized_term="allegro",
                    lang="en",
                    definition={"concise": "Fast"},
                ),
            ),
        ],
    }
    for alias, entries in rows.items():
        for table, obj in entries:
            assert obj._state.db == alias
            assert row_exists(alias, table, obj.pk)
            others = {"default", "scores", "dictionary"} - {alias}
            assert not any(row_exists(other, table, obj.pk) for other in others)
            assert type(obj).objects.get(pk=obj.pk) == obj


def test_relations_across_databases_are_refused():
    user = UserFactory()
    score = Score.objects.create(
        title="Étude", composer="Sor", instrument="guitar", difficulty="intermediate"
    )
    entry = entity_write(user=user, entity_type="goal", entity_id="g1", data={})
    assert router.allow_relation(user, score) is False
    assert router.allow_relation(user, entry) is True
    with pytest.raises(ValueError):
        SyncData(user=score)  # a scores-database object can never be a default-database FK


def test_migrations_for_an_app_run_only_on_its_alias():
    assert router.allow_migrate("scores", "scores") is True
    assert router.allow_migrate("default", "scores") is False
    assert router.allow_migrate("scores", "accounts") is False
    assert router.allow_migrate("dictionary", "auth") is False
    assert router.allow_migrate("default", "allauth") is True


@pytest.mark.parametrize("alias", ["default", "scores", "dictionary"])
def test_postgresql_prepares_a_statement_run_again_and_again(alias):
    """Server-side binding with psycopg's prepare threshold (settings, DATABASE_PREPARED_
    STATEMENTS): the sixth run of a query is answered from a prepared statement."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's: this runs in the PostgreSQL pass")
    with connection.cursor() as cursor:
        for n in range(6):
            cursor.execute("SELECT %s::int + 1 AS mirubato_prepared_probe", [n])
            assert cursor.fetchone() == (n + 1,)
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%mirubato_prepared_probe%"],
        )
        assert cursor.fetchone() == (1,)
