"""Backup and restore of a whole deployment: the three databases and every stored file
(`manage.py backup DIR`, `manage.py restore DIR`; docs/deploy.md, "Backups").

A backup is one folder:

    manifest.json               what it holds: each alias's engine and dump, each file's size
                                and SHA-256 (checked again before anything is restored)
    databases/<alias>.dump      PostgreSQL: `pg_dump --format=custom` (restored by pg_restore)
    databases/<alias>.sqlite3   SQLite: the online backup API (`sqlite3 db ".backup out"`)
    files/<name>                every stored object (filesystem or S3) under its own name

The databases are dumped before the files are copied. Files are written before their rows and
deleted after them, so every row in the dumps has its file in the backup, except one deleted
while the backup ran; a file without a row (an upload made meanwhile) is removed by
`purge_orphan_files` after a restore.

A restore makes the deployment what the backup holds: each database is restored over the
configured one (pg_restore --clean, in one transaction; SQLite's backup API), the files are
written back and stored files the backup does not hold are deleted. Stop the web hosts and the
cron first.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections

from mirubato.storage import delete, open_stream, storage_errors, walk

FORMAT = 1
CHUNK = 1024 * 1024
# OPTIONS of a PostgreSQL alias that are Django's or psycopg's, not libpq connection keywords.
NOT_LIBPQ = {
    "pool",
    "isolation_level",
    "assume_role",
    "server_side_binding",
    "cursor_factory",
    "prepare_threshold",
}
Log = Callable[[str], None]


class BackupError(Exception):
    pass


def _engine(alias: str) -> str:
    """The manifest's name for the alias's database: "postgresql" or "sqlite3"."""
    vendor = connections[alias].vendor
    names = {"postgresql": "postgresql", "sqlite": "sqlite3"}
    if vendor not in names:
        raise BackupError(f"database {alias}: {vendor} is not supported")
    return names[vendor]


def _libpq(alias: str) -> tuple[str, dict[str, str]]:
    """A connection string for pg_dump/pg_restore, and the environment carrying the password
    (never on the command line, where `ps` would show it)."""
    from psycopg.conninfo import make_conninfo

    config = settings.DATABASES[alias]
    options = {k: v for k, v in config.get("OPTIONS", {}).items() if k not in NOT_LIBPQ}
    fields = {"dbname": config["NAME"], "user": config["USER"], "host": config["HOST"]}
    params = {k: v for k, v in {**fields, "port": config["PORT"], **options}.items() if v}
    env = {**os.environ, "PGPASSWORD": config["PASSWORD"]} if config["PASSWORD"] else None
    return make_conninfo("", **params), env or dict(os.environ)


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def dump_database(alias: str, folder: Path) -> dict[str, str]:
    engine = _engine(alias)
    if engine == "postgresql":
        target = folder / f"{alias}.dump"
        conninfo, env = _libpq(alias)
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", conninfo], env)
    else:
        target = folder / f"{alias}.sqlite3"
        _sqlite_copy(Path(settings.DATABASES[alias]["NAME"]), target)
    return {"engine": engine, "file": f"databases/{target.name}", "sha256": _sha256(target)}


def restore_database(alias: str, entry: dict[str, str], folder: Path) -> None:
    here = _engine(alias)
    if entry["engine"] != here:
        raise BackupError(f"database {alias}: the backup is {entry['engine']}, this is {here}")
    source = folder / entry["file"]
    if entry["engine"] == "postgresql":
        conninfo, env = _libpq(alias)
        flags = ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"]
        _run(["pg_restore", *flags, f"--dbname={conninfo}", str(source)], env)
        return
    target = Path(settings.DATABASES[alias]["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    _sqlite_copy(source, target)


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy of a live database (WAL included), page by
    page, replacing whatever `target` held."""
    with closing(sqlite3.connect(source)) as reader, closing(sqlite3.connect(target)) as writer:
        reader.backup(writer)


def _inside(root: Path, name: str) -> Path:
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        raise BackupError(f"stored name outside the backup: {name!r}")
    return path


def copy_files(root: Path, log: Log) -> dict[str, dict[str, Any]]:
    files: dict[str, dict[str, Any]] = {}
    for entry in walk(""):
        target = _inside(root, entry.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        with open_stream(entry.name) as source, target.open("wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        files[entry.name] = {"size": size, "sha256": digest.hexdigest()}
        if len(files) % 500 == 0:
            log(f"  files: {len(files)} copied")
    return files


def write_back_files(root: Path, files: dict[str, dict[str, Any]], log: Log) -> int:
    """Stores every file of the backup under its name and deletes stored files it lacks."""
    for done, name in enumerate(sorted(files), start=1):
        with _inside(root, name).open("rb") as handle, storage_errors(name):
            stored = default_storage.save(name, File(handle, name=name))
        if stored != name:
            raise BackupError(f"the storage renamed {name} to {stored}: it must overwrite")
        if done % 500 == 0:
            log(f"  files: {done}/{len(files)} written back")
    extra = [entry.name for entry in walk("") if entry.name not in files]
    for name in extra:
        delete(name)
    return len(extra)


def backup(folder: Path, log: Log) -> dict[str, Any]:
    """Writes a backup of every database and every stored file into `folder` (new or empty)."""
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty")
    (folder / "databases").mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {"format": FORMAT, "created_at": datetime.now(UTC).isoformat()}
    manifest["databases"] = {}
    for alias in settings.DATABASES:
        manifest["databases"][alias] = dump_database(alias, folder / "databases")
        log(f"  database {alias}: {manifest['databases'][alias]['file']}")
    manifest["files"] = copy_files(folder / "files", log)
    log(f"  files: {len(manifest['files'])} copied")
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def verify(folder: Path) -> dict[str, Any]:
    """The backup's manifest, after checking every file it lists against its SHA-256."""
    manifest = json.loads((folder / "manifest.json").read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    missing = set(settings.DATABASES) - set(manifest["databases"])
    if missing:
        raise BackupError(f"the backup holds no database for {', '.join(sorted(missing))}")
    listed = [(entry["file"], entry["sha256"]) for entry in manifest["databases"].values()]
    listed += [(f"files/{name}", meta["sha256"]) for name, meta in manifest["files"].items()]
    for name, sha in listed:
        if _sha256(_inside(folder, name)) != sha:
            raise BackupError(f"{name} is damaged (its SHA-256 differs from the manifest)")
    return manifest


def restore(folder: Path, log: Log) -> dict[str, Any]:
    """Restores every database and the stored files from a backup made by `backup`."""
    manifest = verify(folder)
    for alias in settings.DATABASES:
        restore_database(alias, manifest["databases"][alias], folder)
        log(f"  database {alias}: restored")
    removed = write_back_files(folder / "files", manifest["files"], log)
    log(f"  files: {len(manifest['files'])} written back, {removed} not in the backup removed")
    return manifest
