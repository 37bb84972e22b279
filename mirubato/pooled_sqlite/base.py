"""Django's SQLite backend, except that closing a connection hands it to a small pool of this
process for the next request instead of closing it (ENGINE `mirubato.pooled_sqlite`, the
SQLite engine of every alias while `DATABASE_POOL` is on).

Why: a new SQLite connection reads the whole schema before its first query. With this
project's 115 tables, indexes and triggers that is about 550 µs, against 11 µs for a one-row
query on an open connection, and Django opens a connection for every request and database
(CONN_MAX_AGE is 0). CONN_MAX_AGE cannot keep them under ASGI, where each request runs in a
thread of its own; a pool does, since Django opens SQLite connections with
`check_same_thread=False` and the pool hands each one to a single user at a time.

What a pooled connection carries over: nothing of a request. It goes back only outside a
transaction (one left open is rolled back first; one closed inside an atomic block is closed
for good), Django sets autocommit again when it takes one, and its per-connection setup (the
functions Django registers, the PRAGMAs, `init_command`) is the same for every user.
Another process's writes are seen as by any open connection: SQLite checks its file on
every transaction. A forked child starts with no pool: SQLite connections must not cross a fork.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from django.db.backends.sqlite3 import base

DEFAULT_SIZE = 10


class _Idle:
    """Open connections to one database file, newest on top (LIFO keeps the fewest warm)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._connections: list[Any] = []

    def take(self) -> Any | None:
        with self._lock:
            return self._connections.pop() if self._connections else None

    def give(self, connection: Any) -> bool:
        with self._lock:
            if len(self._connections) >= self.size:
                return False
            self._connections.append(connection)
            return True

    def close_all(self) -> None:
        with self._lock:
            kept, self._connections = self._connections, []
        for connection in kept:
            connection.close()

    def __len__(self) -> int:
        return len(self._connections)


_pools: dict[str, _Idle] = {}
_pools_lock = threading.Lock()


def _forget_pools() -> None:
    # The child's copies of the parent's connections are dropped, never closed: closing one
    # could disturb the parent's use of the same file handles and locks.
    _pools.clear()


os.register_at_fork(after_in_child=_forget_pools)


def idle(database: str, size: int = DEFAULT_SIZE) -> _Idle:
    """The pool of connections to `database` (a file path), made on first use."""
    pool = _pools.get(database)
    if pool is None:
        with _pools_lock:
            pool = _pools.setdefault(database, _Idle(size))
    return pool


class DatabaseWrapper(base.DatabaseWrapper):
    def _pool(self) -> _Idle | None:
        if self.is_in_memory_db():
            return None  # closing those destroys them; Django never closes them anyway
        size = self.settings_dict.get("OPTIONS", {}).get("pool_size", DEFAULT_SIZE)
        return idle(str(self.settings_dict["NAME"]), size)

    def get_connection_params(self) -> dict[str, Any]:
        params = dict(super().get_connection_params())
        params.pop("pool_size", None)  # ours, not sqlite3.connect's
        return params

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        pool = self._pool()
        kept = pool.take() if pool is not None else None
        if kept is None:
            return super().get_new_connection(conn_params)
        # The one setting Django itself turns off and on (its schema editor, around a
        # migration): a connection closed in between must not reach the next user without it.
        kept.execute("PRAGMA foreign_keys = ON")
        return kept

    def close_pool(self) -> None:
        """Close every idle connection to this database, as the PostgreSQL backend's does."""
        pool = self._pool()
        if pool is not None:
            pool.close_all()

    def _close(self) -> None:
        connection, pool = self.connection, self._pool()
        if connection is None or pool is None or self.in_atomic_block:
            # Inside an atomic block Django keeps `self.connection` (the block must still
            # fail): it must not reach another user.
            return super()._close()
        with self.wrap_database_errors:
            if connection.in_transaction:
                connection.rollback()
        if not pool.give(connection):
            super()._close()
