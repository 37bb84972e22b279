"""The logbook as progress reads it: the `repertoire.logbook` entries that record practice and
can be placed in time, oldest first (docs/progress.md). Entries are parsed once, there.

`status_change` entries record a repertoire status change, not time at the instrument, and
are left out of every progress figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from progress.analytics import UNKNOWN

if TYPE_CHECKING:
    from repertoire.selectors import Entry


DEFAULT_TYPE = "practice"  # the type progress shows for an entry that names none


def practice_entries(entries: Iterable[Entry]) -> list[Entry]:
    """Entries that record practice at a known time, oldest first (ties by entry id, so the
    order, and every "first entry that..." answer, is the same on every read)."""
    chosen = [e for e in entries if e.at is not None and e.is_practice]
    chosen.sort(key=lambda e: (e.at, e.entity_id))
    return chosen


def instrument_of(entry: Entry) -> str:
    # The same label the practice summary uses for an entry that names no instrument.
    return entry.instrument or UNKNOWN


def type_of(entry: Entry) -> str:
    return entry.type or DEFAULT_TYPE
