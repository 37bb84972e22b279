"""Reads of the sync store. This face is what other apps may use (docs/architecture.md)."""

from sync.selectors.entities import (
    entities_live,
    entities_matching,
    entities_named,
    entity_get,
    entity_texts,
    sync_status,
)
from sync.selectors.pull import feed_head, feed_pull

__all__ = [
    "entities_live",
    "entities_matching",
    "entities_named",
    "entity_get",
    "entity_texts",
    "feed_head",
    "feed_pull",
    "sync_status",
]
