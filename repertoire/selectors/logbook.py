"""The user's live logbook, read once per request and parsed with `repertoire.logbook`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import orjson

from repertoire.logbook import LOGBOOK_ENTRY, Entry, parse_entries
from sync.selectors import entity_texts

if TYPE_CHECKING:
    from accounts.models import User


def _decode(text: str | None) -> Any:
    try:
        return orjson.loads(text) if text is not None else None
    except orjson.JSONDecodeError:
        return json.loads(text)  # NaN and Infinity, which orjson refuses


def _decoded(rows: Any) -> Iterator[tuple[str, Any]]:
    return ((entity_id, _decode(text)) for entity_id, text in rows)


def logbook_entries(*, user: User) -> list[Entry]:
    """Every live entry, parsed. The JSON is fetched as text and decoded with orjson, which
    the benchmark (bench/bench_practice.py) measured well ahead of JSONField's json.loads."""
    rows = entity_texts(user=user, entity_type=LOGBOOK_ENTRY)
    return list(parse_entries(_decoded(rows)))
