"""Database time and query count, per unit of work and per alias: one execute wrapper on every
connection, installed when the connection opens (`connection_created`)."""

from __future__ import annotations

import time
from typing import Any

from mirubato.telemetry import context, metrics


def _timed(execute, sql: str, params: Any, many: bool, ctx: dict[str, Any]):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, ctx)
    finally:
        elapsed = time.perf_counter() - started
        work = context.current()
        if work is not None:
            work.db_queries += 1
            work.db_seconds += elapsed
        metrics.db_query_observe(ctx["connection"].alias, elapsed)


def install(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver. First in the list: `execute_wrapper()` blocks pop the
    last wrapper on exit, so one opened around a connect must not pop this one."""
    if _timed not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _timed)
