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

Entries are never mutated after parsing (repertoire.logbook), so one list may be shared;
each caller gets its own list object to sort or filter.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.conf import settings
from django.db import transaction

from repertoire.logbook import Entry


class ParsedLogbooks:
    """A least-recently-used store bounded by the total number of entries it holds."""

    def __init__(self) -> None:
        self._lists: OrderedDict[str, tuple[int, list[Entry]]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()  # ASGI runs requests on several threads

    def get(self, user_id: str, head: int) -> list[Entry] | None:
        with self._lock:
            found = self._lists.get(user_id)
            if found is None or found[0] != head:
                return None
            self._lists.move_to_end(user_id)
            return list(found[1])

    def put_on_commit(self, user_id: str, head: int, entries: list[Entry]) -> None:
        transaction.on_commit(lambda: self._put(user_id, head, entries))

    def clear(self) -> None:
        with self._lock:
            self._lists.clear()
            self._size = 0

    def _put(self, user_id: str, head: int, entries: list[Entry]) -> None:
        limit = settings.LOGBOOK_CACHE_ENTRIES
        if len(entries) > limit:
            return
        with self._lock:
            previous = self._lists.pop(user_id, None)
            if previous is not None:
                self._size -= len(previous[1])
            while self._lists and self._size + len(entries) > limit:
                _, (_, evicted) = self._lists.popitem(last=False)
                self._size -= len(evicted)
            self._lists[user_id] = (head, entries)
            self._size += len(entries)


parsed_logbooks = ParsedLogbooks()
