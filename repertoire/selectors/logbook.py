"""The user's live logbook, read once per request and parsed with `repertoire.logbook`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

import orjson

from repertoire.logbook import (
    LOGBOOK_ENTRY,
    Entry,
    Moment,
    parse_entries,
    parse_entry,
    parse_moment,
)
from repertoire.selectors.parsed_logbooks import Kept, parsed_logbooks
from sync.selectors import (
    entity_texts,
    entity_texts_after,
    entity_texts_changed_since,
    feed_head,
)

if TYPE_CHECKING:
    from accounts.models import User


def decode_text(text: str | None) -> Any:
    """Stored JSON fetched as text (`entity_texts`), decoded."""
    try:
        return orjson.loads(text) if text is not None else None
    except orjson.JSONDecodeError:
        return json.loads(text)  # NaN and Infinity, which orjson refuses


def _decoded(rows: Any) -> Iterator[tuple[str, Any]]:
    return ((entity_id, decode_text(text)) for entity_id, text in rows)


def logbook_entries(*, user: User) -> list[Entry]:
    """Every live entry, parsed. The JSON is fetched as text and decoded with orjson, which
    the benchmark (bench/bench_practice.py) measured well ahead of JSONField's json.loads.
    A logbook kept parsed (`parsed_logbooks`) is used as it is at the user's current feed
    head, or brought up to it from the entries changed since."""
    head = feed_head(user_id=user.pk)  # before the rows: see parsed_logbooks
    kept = parsed_logbooks.latest(user.pk)
    if kept is not None and kept.head == head:
        return list(kept.entries.values())
    entries = _brought_up_to_date(user, kept) if kept is not None and kept.head < head else None
    if entries is None:
        rows = entity_texts(user=user, entity_type=LOGBOOK_ENTRY)
        entries = {entry.entity_id: entry for entry in parse_entries(_decoded(rows))}
    parsed_logbooks.put_on_commit(user.pk, head, entries)
    return list(entries.values())


def _brought_up_to_date(user: User, kept: Kept) -> dict[str, Entry] | None:
    changes = entity_texts_after(user=user, entity_type=LOGBOOK_ENTRY, after_seq=kept.head)
    if changes is None:
        return None
    entries = dict(kept.entries)
    for entity_id, text in changes:
        if text is None:
            entries.pop(entity_id, None)
        else:
            entries[entity_id] = parse_entry(entity_id, decode_text(text))
    return entries


def logbook_entries_changed_since(*, since: datetime) -> Iterator[tuple[str, Entry]]:
    """(user id, entry) of every user's live logbook entries written at or after `since`,
    parsed, streamed: the engagement rollup's read (progress)."""
    rows = entity_texts_changed_since(entity_type=LOGBOOK_ENTRY, since=since)
    for user_id, entity_id, text in rows:
        yield user_id, parse_entry(entity_id, decode_text(text))


def logbook_moments(*, user: User) -> list[Moment]:
    """When each live entry happened and whether it is practice: what a streak needs, read
    without parsing the rest of each entry (a quick log answers its streak at once)."""
    rows = entity_texts(user=user, entity_type=LOGBOOK_ENTRY)
    return [parse_moment(decode_text(text)) for _, text in rows]
