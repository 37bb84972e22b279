"""Reads across every user's entities, for rollups of staff figures (engagement)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.db.models import TextField
from django.db.models.functions import Cast

from sync.models import SyncData


def entity_texts_changed_since(
    *, entity_type: str, since: datetime, chunk_size: int = 2000
) -> Iterator[tuple[str, str, str]]:
    """(user id, entity id, stored JSON as text) of every user's live entities of one type
    written at or after `since`, streamed in chunks (a rollup reads many users at once)."""
    rows = SyncData.objects.filter(
        entity_type=entity_type, deleted_at__isnull=True, updated_at__gte=since
    ).order_by()
    texts = rows.annotate(text=Cast("data", TextField()))
    yield from texts.values_list("user_id", "entity_id", "text").iterator(chunk_size=chunk_size)
