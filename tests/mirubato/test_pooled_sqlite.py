"""The SQLite engine's pool (mirubato/pooled_sqlite): a closed connection serves the next
user, and nothing of one user's transaction or settings reaches the next."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest
from django.db import connections, transaction

from mirubato import settings as project_settings
from mirubato.pooled_sqlite.base import DatabaseWrapper, idle

ALIAS = "pooled_sqlite_test"


@pytest.fixture
def database(tmp_path: Path, django_db_blocker) -> Path:
    path = tmp_path / "pooled.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    with django_db_blocker.unblock():
        yield path
    idle(str(path)).close_all()


def wrapper(path: Path, **options) -> DatabaseWrapper:
    """A connection to `path` configured as the settings configure a SQLite alias (whatever
    the test run's own databases are)."""
    os.environ["POOLED_SQLITE_TEST_URL"] = f"sqlite:///{path}"
    try:
        config = project_settings._database("POOLED_SQLITE_TEST_URL", "scores")
    finally:
        del os.environ["POOLED_SQLITE_TEST_URL"]
    config["OPTIONS"].update(options)
    settings_dict = connections.configure_settings({"default": config})["default"]
    return DatabaseWrapper(settings_dict, alias=ALIAS)


def rows(db: DatabaseWrapper) -> list[str]:
    with db.cursor() as cursor:
        cursor.execute("SELECT text FROM note ORDER BY id")
        return [text for (text,) in cursor.fetchall()]


def test_a_closed_connection_serves_the_next_connect(database):
    db = wrapper(database)
    db.ensure_connection()
    first = db.connection
    db.close()
    db.ensure_connection()
    assert db.connection is first
    assert len(idle(str(database))) == 0


def test_a_kept_connection_sees_what_another_connection_wrote(database):
    db = wrapper(database)
    assert rows(db) == []
    kept = db.connection
    db.close()
    with sqlite3.connect(database) as other:
        other.execute("INSERT INTO note (text) VALUES ('written elsewhere')")
    assert rows(db) == ["written elsewhere"]
    assert db.connection is kept  # read through the pooled connection, not a new one


def test_a_transaction_left_open_is_rolled_back_before_the_next_user(database):
    db = wrapper(database)
    with db.cursor() as cursor:
        cursor.execute("BEGIN")
        cursor.execute("INSERT INTO note (text) VALUES ('never committed')")
    db.close()
    db.ensure_connection()
    assert not db.connection.in_transaction
    assert rows(db) == []


def test_a_connection_closed_inside_an_atomic_block_is_closed_for_good(database):
    db = wrapper(database)
    connections[ALIAS] = db
    try:
        with pytest.raises(RuntimeError), transaction.atomic(using=ALIAS):
            rows(db)
            raw = db.connection
            db.close()
            raise RuntimeError("the block fails after the close")
    finally:
        del connections[ALIAS]
    assert len(idle(str(database))) == 0
    with pytest.raises(sqlite3.ProgrammingError):
        raw.execute("SELECT 1")


def test_the_pool_keeps_no_more_than_its_size(database):
    users = [wrapper(database, pool_size=2) for _ in range(3)]
    for db in users:
        db.ensure_connection()
    raws = [db.connection for db in users]
    for db in users:
        db.close()
    assert len(idle(str(database))) == 2
    with pytest.raises(sqlite3.ProgrammingError):
        raws[2].execute("SELECT 1")


def test_foreign_keys_are_on_again_for_the_next_user(database):
    db = wrapper(database)
    with db.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys = OFF")
    db.close()
    with db.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone() == (1,)


def test_a_kept_connection_serves_another_thread(database):
    db = wrapper(database)
    db.ensure_connection()
    first = db.connection
    db.close()
    seen: list[object] = []

    def other_thread() -> None:
        user = wrapper(database)
        user.ensure_connection()
        seen.append(user.connection)
        seen.append(rows(user))
        user.close()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert seen == [first, []]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX only")
def test_a_forked_child_starts_without_the_parents_connections(database):
    db = wrapper(database)
    db.ensure_connection()
    db.close()
    pid = os.fork()
    if pid == 0:  # the child: report through the exit status only
        os._exit(0 if len(idle(str(database))) == 0 else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert len(idle(str(database))) == 1


def test_close_pool_closes_the_idle_connections(database):
    db = wrapper(database)
    db.ensure_connection()
    raw = db.connection
    db.close()
    db.close_pool()
    assert len(idle(str(database))) == 0
    with pytest.raises(sqlite3.ProgrammingError):
        raw.execute("SELECT 1")


def test_sqlite_aliases_use_the_pooled_engine(monkeypatch, tmp_path):
    monkeypatch.setenv("POOL_TEST_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    monkeypatch.setenv("DATABASE_POOL_MAX", "3")
    config = project_settings._database("POOL_TEST_URL", "scores")
    assert config["ENGINE"] == "mirubato.pooled_sqlite"
    assert config["OPTIONS"]["pool_size"] == 3


def test_database_pool_off_gives_djangos_engine(monkeypatch, tmp_path):
    monkeypatch.setenv("POOL_TEST_URL", f"sqlite:///{tmp_path}/x.sqlite3")
    monkeypatch.setenv("DATABASE_POOL", "False")
    config = project_settings._database("POOL_TEST_URL", "scores")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert "pool_size" not in config["OPTIONS"]
