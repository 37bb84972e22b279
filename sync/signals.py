"""Signals other parts of the project subscribe to."""

from __future__ import annotations

from django.dispatch import Signal

# Sent after a push or a server-side `entity_write` commits (never on rollback), once per
# transaction, with kwargs `user_id: str` and `changes: list[dict]`, each
# {"type", "id", "version", "seq", "deleted"} in feed order. Unchanged items are not included.
changes_committed = Signal()
