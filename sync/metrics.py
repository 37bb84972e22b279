"""The sync engine's Prometheus figures (docs/operations.md), counted where the work happens:
pushes and the entities they wrote, pulls, and the live sockets of `ws /ws/sync`. Live-socket
gauges add up across gunicorn workers (`livesum`)."""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterable

from prometheus_client import Counter, Gauge

PUSHES = Counter(
    "mirubato_sync_pushes",
    "Sync pushes applied (REST and WebSocket), by result: applied, or replayed for a retry.",
    ["result"],
)
ENTITIES_WRITTEN = Counter(
    "mirubato_sync_entities",
    "Items of applied pushes, by status: created, updated, unchanged, deleted, conflict.",
    ["status"],
)
PULLS = Counter(
    "mirubato_sync_pulls", "Pages of the change feed read, by kind: snapshot or changes.", ["kind"]
)
PULLED = Counter("mirubato_sync_pulled_changes", "Changes and entities handed out by pulls.")
SOCKETS_OPEN = Gauge(
    "mirubato_realtime_sockets_open",
    "WebSocket sync connections accepted and not yet closed.",
    multiprocess_mode="livesum",
)
SOCKETS_SIGNED_IN = Gauge(
    "mirubato_realtime_sockets_signed_in",
    "WebSocket sync connections signed in (holding one of their user's connection slots).",
    multiprocess_mode="livesum",
)


def push_counted(*, results: Iterable[dict], replayed: bool) -> None:
    PUSHES.labels("replayed" if replayed else "applied").inc()
    if replayed:
        return  # a replay writes nothing
    for status, n in Tally(item["status"] for item in results).items():
        ENTITIES_WRITTEN.labels(status).inc(n)


def pull_counted(*, snapshot: bool, changes: int) -> None:
    PULLS.labels("snapshot" if snapshot else "changes").inc()
    PULLED.inc(changes)
