"""Shared benchmark plumbing: isolated databases, timing, and the figure-beside-floor report.

Each benchmark module `bench/bench_<name>.py` defines `run(h: Harness) -> None` and calls
`h.report(...)` with its figure and a floor measured in the same run (a bare Django view, or raw
SQL doing the same work), so the ratio stays meaningful on a noisy machine.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ALIASES = ("default", "scores", "dictionary")
# Throttles stay on and count as in production, at rates no run reaches (a benchmark sends
# requests far faster than people do). The sign-in scopes keep theirs: bench_accounts gives
# each request its own client address.
UNLIMITED = "100000000/min"
UNTHROTTLED = ("ANON", "USER", "SYNC", "UPLOAD", "PRACTICE", "REPORT", "DICTIONARY")
UNTHROTTLED += ("DICTIONARY_BATCH", "DICTIONARY_EXPORT", "DICTIONARY_FEEDBACK")


def unlimited_throttles() -> dict[str, str]:
    """The settings' THROTTLE_* variables that lift every rate but sign-in's."""
    return {f"THROTTLE_{name}": UNLIMITED for name in UNTHROTTLED}


ENV_VARS = {
    "default": "DATABASE_URL",
    "scores": "SCORES_DATABASE_URL",
    "dictionary": "DICTIONARY_DATABASE_URL",
}


def configure_databases() -> str:
    """Point all three aliases at throwaway databases before Django starts.

    SQLite files in a temporary folder by default; with BENCH_PG_URL set
    (postgres://postgres@127.0.0.1:5432), fresh PostgreSQL databases created for the run.
    """
    pg_url = os.environ.get("BENCH_PG_URL")
    if pg_url:
        import psycopg

        run_id = f"bench_{os.getpid()}"
        with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
            for alias in ALIASES:
                conn.execute(f'DROP DATABASE IF EXISTS "{run_id}_{alias}"')
                conn.execute(f'CREATE DATABASE "{run_id}_{alias}"')
        for alias in ALIASES:
            os.environ[ENV_VARS[alias]] = f"{pg_url}/{run_id}_{alias}"
        return "postgresql"
    folder = Path(tempfile.mkdtemp(prefix="mirubato-bench-"))
    for alias in ALIASES:
        os.environ[ENV_VARS[alias]] = f"sqlite:///{folder / f'{alias}.sqlite3'}"
    return "sqlite"


def drop_pg_databases() -> None:
    pg_url = os.environ.get("BENCH_PG_URL")
    if not pg_url:
        return
    import psycopg
    from django.db import connections

    connections.close_all()
    for connection in connections.all():
        connection.close_pool()  # pooled connections would keep the databases open
    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        for alias in ALIASES:
            conn.execute(f'DROP DATABASE IF EXISTS "bench_{os.getpid()}_{alias}"')


def timed(fn: Callable[[], object], *, repeat: int = 5, number: int = 1) -> float:
    """Median seconds of one call of `fn`, over `repeat` rounds of `number` calls each."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        rounds.append((time.perf_counter() - start) / number)
    return statistics.median(rounds)


def _fmt(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:8.3f} s "
    if seconds >= 1e-3:
        return f"{seconds * 1e3:8.2f} ms"
    return f"{seconds * 1e6:8.1f} µs"


class Harness:
    def __init__(self, vendor: str) -> None:
        self.vendor = vendor
        self.rows: list[str] = []

    def report(self, name: str, figure: float, floor: float, floor_label: str) -> None:
        ratio = figure / floor if floor else float("inf")
        line = (
            f"{name:<48} {_fmt(figure)}   floor ({floor_label}) {_fmt(floor)}   ratio {ratio:6.2f}x"
        )
        self.rows.append(line)
        print(line, flush=True)

    def note(self, text: str) -> None:
        print(f"    {text}", flush=True)


def seed_entities(user, entity_type: str, items: list[dict]) -> None:
    """Stores `items` (each with its `id`) as the user's entities through the feed's one
    writer, as pushes and the service's own writes do, in one transaction and bulk writes."""
    from django.db import transaction

    from sync.services.writer import FeedWriter, feed_lock
    from sync.validation import entity_checksum

    with transaction.atomic():
        writer = FeedWriter(meta=feed_lock(user_id=user.pk))
        for data in items:
            writer.write(
                None,
                entity_type=entity_type,
                entity_id=data["id"],
                data=data,
                deleted=False,
                checksum=entity_checksum(data),
            )
        writer.flush()
