"""Reads of the sync store. This face is what other apps may use (docs/architecture.md).
`cursor_for` makes the pull cursor of a feed position (a client that kept a position, not a
cursor: the original web client's `lastSeq`)."""

from sync.feed import cursor_for
from sync.selectors.activity import entity_texts_changed_since
from sync.selectors.entities import (
    entities_live,
    entities_matching,
    entities_named,
    entities_unset,
    entity_get,
    entity_records,
    entity_texts,
    entity_texts_after,
    sync_status,
)
from sync.selectors.pull import feed_head, feed_pull

__all__ = [
    "cursor_for",
    "entities_live",
    "entities_matching",
    "entities_named",
    "entities_unset",
    "entity_get",
    "entity_records",
    "entity_texts",
    "entity_texts_after",
    "entity_texts_changed_since",
    "feed_head",
    "feed_pull",
    "sync_status",
]
