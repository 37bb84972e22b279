"""Fan-out: every change committed for a user reaches all the user's open sockets.

The sync engine sends `changes_committed` from `transaction.on_commit`, so nothing is announced
before it is durable and nothing is announced for a rollback. This receiver announces the
commit to the user's group on the channel layer (Redis when configured), which spans processes
and hosts. The announcement carries the `CHANGES` frame already encoded, read once here with
the pull function, so a hundred sockets cost one query and one encoding, not a hundred.

Most commits have no socket to reach (a push from a device whose user has no other device
online), and reading the frame back and announcing it was about a third of a small push. So
the connection registry is asked first. A socket claims its slot before it joins the group
and reads its starting position (`SyncConsumer._authenticate`): a socket the check missed
claimed after this commit, so its starting position already includes the change.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from redis import RedisError

from accounts.services import login_ended
from sync.feed import cursor_for
from sync.realtime.delivery import changes_message
from sync.realtime.limits import registry
from sync.realtime.protocol import encode
from sync.selectors import feed_pull

logger = logging.getLogger(__name__)

# The channel name of the socket whose PUSH is committing, so it is not echoed its own changes.
origin: ContextVar[str | None] = ContextVar("realtime_origin", default=None)


def group_name(user_id: str) -> str:
    return f"sync.user.{user_id}"


def connect() -> None:
    from sync.signals import changes_committed

    changes_committed.connect(on_changes_committed, dispatch_uid="realtime-fanout")
    login_ended.connect(on_login_ended, dispatch_uid="realtime-logout")


def on_login_ended(sender: Any, *, user_id: str, **kwargs: Any) -> None:
    """A logout (or revocation) is announced to the user's sockets once it has committed; each
    checks its own login at once. Sockets not reached this way notice at their next periodic
    check (see `SyncConsumer._login_alive`)."""
    if _has_sockets(user_id):
        _announce(user_id, {"type": "sync.login_ended"})


def _has_sockets(user_id: str) -> bool:
    try:
        return registry().has_sockets(user_id)
    except (OSError, RedisError):  # unsure: announce, and let the layer say what is wrong
        return True


def _announce(user_id: str, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group_name(user_id), event)
    except Exception:  # a logout must not fail because live sync is unreachable
        logger.exception("realtime: could not announce %s to user %s", event["type"], user_id)


def on_changes_committed(sender: Any, *, user_id: str, changes: list[dict], **kwargs: Any) -> None:
    """Runs in the committing thread, after the commit. A broken channel layer must not turn a
    committed push into an error: the change is in the feed and sockets catch up from it."""
    layer = get_channel_layer()
    user_id = str(user_id)
    if layer is None or not changes or not _has_sockets(user_id):
        return
    prev, last = changes[0]["seq"] - 1, changes[-1]["seq"]
    event = {"type": "sync.changes", "prev_seq": prev, "seq": last, "origin": origin.get()}
    try:
        event.update(_frame(user_id, prev, last))
    except Exception:  # the sockets read the feed themselves instead
        logger.exception("realtime: could not read changes %s-%s of user %s", prev, last, user_id)
    _announce(user_id, event)


def _frame(user_id: str, prev: int, last: int) -> dict[str, Any]:
    """The CHANGES frame for feed positions prev+1..last, as pull returns them now (a change
    superseded since is left to the later commit that superseded it)."""
    since = cursor_for(user_id=user_id, seq=prev).encode()
    page = feed_pull(user_id=user_id, since=since, limit=last - prev)
    items = [change for change in page["changes"] if change["seq"] <= last]
    frame = encode(changes_message(items, user_id=user_id, prev_seq=prev, seq=last))
    if len(frame) > settings.REALTIME_MAX_EVENT_BYTES:
        return {}  # too big for the channel layer: each socket reads it in pages instead
    return {"frame": frame, "count": len(items)}
