"""Parsed logbooks kept in each process, keyed by the user's feed head.

Reading and parsing a large logbook is most of what an analytics read costs (a 10,000-entry
progress overview spends about two thirds of its time in `parse_entry`). Every write to a
user's entities moves their feed head (sync's one writer), so a list parsed at head N is
exactly the logbook for as long as the head is N: a stale list cannot be served, on this
host or any other, and nothing needs invalidating.

The head is read before the rows, so a write that lands in between only makes the stored
list newer than its key (the next read at the new head parses again). A list is stored only
once the surrounding transaction commits, so a write rolled back can never leave behind a
list under a head that a later write will reuse.

After a write the head has moved, and the kept logbook is brought up to date from the feed
itself: only the entries changed after the kept head are read and parsed (a deletion drops
its entry), unless a purge has removed tombstones past that head, which means a full read.

Entries are never mutated after parsing (repertoire.logbook), so they may be shared; each
caller gets its own list to sort or filter.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.db import transaction

from repertoire.logbook import Entry


class Kept(NamedTuple):
    head: int
    entries: dict[str, Entry]  # by entity id; never changed once kept


class ParsedLogbooks:
    """A least-recently-used store bounded by the total number of entries it holds."""

    def __init__(self) -> None:
        self._kept: OrderedDict[str, Kept] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()  # ASGI runs requests on several threads

    def latest(self, user_id: str) -> Kept | None:
        """The user's kept logbook at whatever head it was parsed, or None."""
        with self._lock:
            kept = self._kept.get(user_id)
            if kept is not None:
                self._kept.move_to_end(user_id)
            return kept

    def put_on_commit(self, user_id: str, head: int, entries: dict[str, Entry]) -> None:
        transaction.on_commit(lambda: self._put(user_id, Kept(head, entries)))

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._size = 0

    def _put(self, user_id: str, kept: Kept) -> None:
        limit = settings.LOGBOOK_CACHE_ENTRIES
        with self._lock:
            previous = self._kept.pop(user_id, None)
            if previous is not None:
                self._size -= len(previous.entries)
            if len(kept.entries) > limit:
                return
            while self._kept and self._size + len(kept.entries) > limit:
                _, evicted = self._kept.popitem(last=False)
                self._size -= len(evicted.entries)
            self._kept[user_id] = kept
            self._size += len(kept.entries)


parsed_logbooks = ParsedLogbooks()
