"""Fan-out: every change committed for a user reaches all the user's open sockets.

The sync engine sends `changes_committed` from `transaction.on_commit`, so nothing is announced
before it is durable and nothing is announced for a rollback. This receiver forwards it to the
user's group on the channel layer (Redis when configured), which spans processes and hosts.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)

# The channel name of the socket whose PUSH is committing, so it is not echoed its own changes.
origin: ContextVar[str | None] = ContextVar("realtime_origin", default=None)


def group_name(user_id: str) -> str:
    return f"sync.user.{user_id}"


def connect() -> None:
    from sync.signals import changes_committed

    changes_committed.connect(on_changes_committed, dispatch_uid="realtime-fanout")


def on_changes_committed(sender: Any, *, user_id: str, changes: list[dict], **kwargs: Any) -> None:
    """Runs in the committing thread, after the commit. A broken channel layer must not turn a
    committed push into an error: the change is in the feed and clients catch up from it."""
    layer = get_channel_layer()
    if layer is None or not changes:
        return
    event = {"type": "sync.changes", "changes": changes, "origin": origin.get()}
    try:
        async_to_sync(layer.group_send)(group_name(str(user_id)), event)
    except Exception:
        logger.exception("realtime fan-out failed for user %s (%d changes)", user_id, len(changes))
