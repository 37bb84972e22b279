"""A generation number in the shared cache, for caches that a write drops all at once.

Values are stored beside the generation they were read under and count only while it is
current; a writer moves the generation and every value stored before is dead, in every
process, without finding which keys its change touched. Used by the catalogue pages
(scores/caching.py) and the dictionary's lookups (dictionary/caching.py).

Race-safety comes from the order: read the generation (with the values, `read`), then the
database, then `keep` under the generation read first. A write that commits in between
moves the generation (writers bump at the write and again on commit), so what was kept is
never served.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, key: str) -> None:
        self.key = key

    def current(self, found: dict[str, Any] | None = None) -> int:
        """The generation now (`found`: a `get_many` answer that asked for it too)."""
        value = cache.get(self.key) if found is None else found.get(self.key)
        if value is None:
            # A fresh cache, or an evicted number: start from one no stored value carries.
            cache.add(self.key, time.time_ns(), timeout=None)
            value = cache.get(self.key, time.time_ns())
        return int(value)

    def read(self, *keys: str) -> tuple[int, dict[str, Any]]:
        """The generation and those of `keys` stored under it, in one round trip."""
        found = cache.get_many([self.key, *keys])
        generation = self.current(found)
        fresh = {}
        for key in keys:
            entry = found.get(key)
            if entry is not None and entry[0] == generation:
                fresh[key] = entry[1]
        return generation, fresh

    def keep(self, key: str, value: Any, *, generation: int, timeout: int) -> None:
        cache.set(key, (generation, value), timeout=timeout)

    def bump(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # not there yet, or evicted: a number no stored value carries
            cache.set(self.key, time.time_ns(), timeout=None)

    def bump_now_and_on_commit(self, using: str) -> None:
        """For a writer: now, and again once its transaction commits (a reader between the
        two could otherwise keep the rows as they were)."""
        self.bump()
        transaction.on_commit(self.bump, using=using)
