"""`manage.py backup` and `manage.py restore` (docs/deploy.md, "Backups") on a small real data
set in a deployment of their own: the demo catalogue and dictionary, a signed-in user with
synced entities, an upload rendered to pages. Back up, wipe every database and every stored
file, restore: every table of every alias (rows and sequences) and every stored object are as
they were, and no migration is missing.

The databases are those of the pass (throwaway PostgreSQL databases, or SQLite files); the
files are on the filesystem and on S3 (moto on loopback; missing moto skips, fails in CI)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.mirubato.deployment import (
    ALIASES,
    URL_VARS,
    host_env,
    manage,
    migrate,
    on_postgresql,
    pg_databases,
    shell,
    sqlite_databases,
)

SEED = """
import io, json
from django.core.management import call_command
from accounts.models import User
from accounts.services import tokens_issue
from scores.services import collection_create, collection_score_add, score_upload
from scores.services.processing import claim_next, process_version
from scores.services.uploads import CheckedFile
from sync.services import entity_write
from tests.scores.samples import picture, text_pdf

call_command("load_demo", stdout=io.StringIO())
user = User.objects.create(email="backup@example.com", display_name="Clara")
tokens_issue(user=user)
for n in range(3):
    entity_write(user=user, entity_type="goal", entity_id=f"g{n}", data={"title": f"Goal {n}"})
entity_write(user=user, entity_type="goal", entity_id="g1", data=None, deleted=True)
pdf = CheckedFile("pdf", text_pdf(["One", "Two"]), "application/pdf", "pdf", "a.pdf")
png = CheckedFile("image", picture(200, 300), "image/png", "png", "b.png")
scores = [score_upload(user_id=user.pk, fields={}, files=[item]) for item in (pdf, png)]
while (version := claim_next()) is not None:
    assert process_version(version)
collection = collection_create(user=user, fields={"name": "Practice"})
collection_score_add(user=user, collection_id=collection.id, score_id=scores[0].id)
"""

# Every table of every alias (row count and a digest of its sorted rows), every sequence,
# and every stored object with its SHA-256.
DIGEST = """
import hashlib, json
from django.db import connections
from mirubato.storage import open_stream, walk

def value(item):
    return item.hex() if isinstance(item, (bytes, memoryview)) else str(item)

def table_digest(cursor, table):
    cursor.execute(f'SELECT * FROM "{table}"')
    rows = sorted(json.dumps(list(row), default=value) for row in cursor.fetchall())
    return [len(rows), hashlib.sha256("\\n".join(rows).encode()).hexdigest()]

def sequences(connection, cursor):
    if connection.vendor == "postgresql":
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences")
    elif "sqlite_sequence" in connection.introspection.table_names(cursor, include_views=False):
        cursor.execute("SELECT name, seq FROM sqlite_sequence")
    else:
        return {}
    return {name: last for name, last in cursor.fetchall()}

state = {"tables": {}, "sequences": {}, "files": {}}
for alias in ("default", "scores", "dictionary"):
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        state["tables"][alias] = {table: table_digest(cursor, table) for table in tables}
        state["sequences"][alias] = sequences(connection, cursor)
for entry in walk(""):
    with open_stream(entry.name) as handle:
        state["files"][entry.name] = hashlib.sha256(handle.read()).hexdigest()
print(json.dumps(state))
"""


CHECK_MIGRATIONS = """
from django.core.management import call_command
for alias in ("default", "scores", "dictionary"):
    call_command("migrate", check_unapplied=True, database=alias, verbosity=0)
"""


@pytest.fixture(params=["filesystem", "s3"])
def deployment(request, tmp_path):
    """(environment, wipe) of a migrated deployment with its own databases and storage. The
    PostgreSQL pass backs up to S3 only: the filesystem's side is the SQLite pass's."""
    if request.param == "filesystem" and on_postgresql():
        pytest.skip("files on the filesystem are backed up in the SQLite pass")
    bucket = request.getfixturevalue("s3_server").bucket() if request.param == "s3" else None
    media = tmp_path / "media"
    store = {"STORAGE_URL": bucket.url()} if bucket else {"MEDIA_ROOT": str(media)}
    if on_postgresql():
        with pg_databases("backup") as databases:
            yield _deployment(databases, store, bucket, media)
    else:
        yield _deployment(sqlite_databases(tmp_path), store, bucket, media)
    if bucket:
        bucket.destroy()


def _deployment(databases, store, bucket, media):
    env = host_env(databases, **store)
    migrate(env)

    def wipe() -> None:
        for alias in ALIASES:
            _drop(databases[URL_VARS[alias]])
        if bucket:
            bucket.empty()
        shutil.rmtree(media, ignore_errors=True)

    return env, wipe


def _drop(url: str) -> None:
    """The database gone and made again empty, as after a lost server or disk."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        return
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def test_a_restored_backup_is_the_state_it_was_taken_of(deployment, tmp_path):
    env, wipe = deployment
    before = shell(env, SEED + DIGEST)
    assert before["tables"]["scores"]["scores"][0] >= 150  # the demo catalogue and the uploads
    assert before["tables"]["default"]["sync_data"][0] == 3
    assert len(before["files"]) == 2 + 2 * 2 + 1  # originals, 2 pages and a thumbnail each
    folder = tmp_path / "backup"

    output = manage(env, "backup", str(folder))
    assert f"backup: 3 database(s) and {len(before['files'])} file(s) in {folder}" in output
    manifest = json.loads((folder / "manifest.json").read_text())
    assert set(manifest["files"]) == set(before["files"])

    # A damaged backup is refused before anything is touched.
    victim = sorted((folder / "files").rglob("*.webp"))[0]
    page = victim.read_bytes()
    victim.write_bytes(b"not the page any more")
    with pytest.raises(AssertionError, match="is damaged"):
        manage(env, "restore", str(folder), "--noinput")
    victim.write_bytes(page)

    wipe()
    emptied = shell(env, DIGEST)
    assert emptied["files"] == {} and not any(emptied["tables"].values())
    output = manage(env, "restore", str(folder), "--noinput")
    assert "restore: 3 database(s)" in output
    after = shell(env, CHECK_MIGRATIONS + DIGEST)  # and no migration left unapplied
    assert after["sequences"] == before["sequences"]
    assert after["files"] == before["files"]
    for alias in ALIASES:
        assert after["tables"][alias] == before["tables"][alias], alias
