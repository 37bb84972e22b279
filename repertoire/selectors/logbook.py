"""The user's live logbook, read once per request and parsed with `repertoire.logbook`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import orjson
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from accounts.models import User
from repertoire.logbook import LOGBOOK_ENTRY, Entry, parse_entries
from sync.models import SyncData


def logbook_rows(*, user: User) -> QuerySet[SyncData]:
    """Live (not deleted) logbook entries of `user`."""
    return SyncData.objects.filter(user=user, entity_type=LOGBOOK_ENTRY, deleted_at__isnull=True)


def _decode(text: str | None) -> Any:
    try:
        return orjson.loads(text) if text is not None else None
    except orjson.JSONDecodeError:
        return json.loads(text)  # NaN and Infinity, which orjson refuses


def _decoded(rows: Any) -> Iterator[tuple[str, Any]]:
    return ((entity_id, _decode(text)) for entity_id, text in rows)


def logbook_entries(*, user: User) -> list[Entry]:
    """Every live entry, parsed. The JSON is fetched as text and decoded with orjson, which
    the benchmark (bench/bench_repertoire.py) measured well ahead of JSONField's json.loads."""
    rows = logbook_rows(user=user).annotate(text=Cast("data", TextField()))
    return list(parse_entries(_decoded(rows.values_list("entity_id", "text"))))
