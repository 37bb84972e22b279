"""Prometheus metrics (prometheus-client), scraped at `/metrics` (docs/operations.md).

Two kinds of figures:
- counted in the process that serves the work (requests, queries, sync, live sockets): the
  default registry, or, under gunicorn, one file per worker in PROMETHEUS_MULTIPROC_DIR that
  the scrape adds up (gunicorn.conf.py sets the folder and clears it at start);
- read from the databases at scrape time (cron runs, today's AI tokens): collectors an app
  registers with `register_collector`, because a cron command is a short process on any host
  whose in-memory counters no scrape would ever see.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import Metric
from prometheus_client.multiprocess import MultiProcessCollector

logger = logging.getLogger("mirubato.metrics")

if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    # Each metric below opens its file there as it is made; a missing folder would be fatal.
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
QUERY_BUCKETS = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500)

HTTP_REQUESTS = Counter(
    "mirubato_http_requests",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "mirubato_http_request_duration_seconds",
    "Time from the first middleware to the answer, by method, route template and status.",
    ["method", "route", "status"],
    buckets=LATENCY_BUCKETS,
)
HTTP_QUERIES = Histogram(
    "mirubato_http_request_db_queries",
    "Database queries one request ran, by route template.",
    ["route"],
    buckets=QUERY_BUCKETS,
)
DB_QUERIES = Counter("mirubato_db_queries", "Database queries run, by alias.", ["alias"])
DB_SECONDS = Counter(
    "mirubato_db_query_seconds", "Time spent in database queries, by alias.", ["alias"]
)

_db_children: dict[str, tuple[Counter, Counter]] = {}


def db_query_observe(alias: str, seconds: float) -> None:
    children = _db_children.get(alias)
    if children is None:  # resolved once per alias: `labels()` takes a lock each call
        children = _db_children[alias] = (DB_QUERIES.labels(alias), DB_SECONDS.labels(alias))
    children[0].inc()
    children[1].inc(seconds)


def http_observe(*, method: str, route: str, status: int, seconds: float, queries: int) -> None:
    method = method if method in METHODS else "other"  # a label set must stay bounded
    labels = (method, route, str(status))
    HTTP_REQUESTS.labels(*labels).inc()
    HTTP_LATENCY.labels(*labels).observe(seconds)
    HTTP_QUERIES.labels(route).observe(queries)


# --- collectors read at scrape time -------------------------------------------------------------

_collectors: dict[str, Callable[[], Iterable[Metric]]] = {}


def register_collector(name: str, collect: Callable[[], Iterable[Metric]]) -> None:
    """Adds figures read at scrape time (an app's `ready()` registers its own). `collect`
    returns prometheus-client metric families; one that fails is logged and left out, so a
    database that is down costs its own figures only."""
    _collectors[name] = collect


class _Registered:
    def collect(self) -> Iterable[Metric]:
        for name, collect in sorted(_collectors.items()):
            try:
                yield from list(collect())
            except Exception:  # a scrape must answer whatever one source does
                logger.exception("metrics collector %s failed", name)


def multiprocess_dir() -> str:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def exposition() -> tuple[bytes, str]:
    """The text exposition of every figure, and its content type."""
    registry = CollectorRegistry(auto_describe=False)
    if multiprocess_dir():
        MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    registry.register(_Registered())
    return generate_latest(registry), CONTENT_TYPE_LATEST
