"""Live changes to one socket: in feed order, each once, none skipped.

Every committed change of a user has the next position of the user's feed (`sync.feed`), so
the announcements of a user's commits tile the feed with no hole: an announcement continues
from `prev_seq` up to `seq`. A socket remembers the position it has been sent. When an
announcement continues from there, its ready-made frame goes out as it is; when it does not
(another process' announcement overtook it, the channel layer dropped one, the socket was
paused for re-authentication), the socket reads the feed itself from its position with the
very function `GET /api/sync/pull` uses, so it can never be sent anything REST would not.

A socket's position starts at the feed's head when it signs in (AUTH_OK carries it as a
cursor): everything committed after that arrives live; what came before, the client asks for
with SYNC_REQUEST from its own cursor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from channels.db import database_sync_to_async
from django.conf import settings

from mirubato.api.errors import ApiError
from sync.feed import cursor_decode, cursor_for
from sync.realtime.protocol import RealtimeError, error_message
from sync.selectors import feed_pull

if TYPE_CHECKING:
    from sync.realtime.socket import Socket


def changes_message(changes: list, *, user_id: str, prev_seq: int, seq: int) -> dict[str, Any]:
    """`CHANGES`: committed changes as pull items, the feed span they cover, and the cursor
    after them (a client that kept `seq` can spot a gap and send SYNC_REQUEST)."""
    return {
        "type": "CHANGES",
        "changes": changes,
        "prev_seq": prev_seq,
        "seq": seq,
        "cursor": cursor_for(user_id=user_id, seq=seq).encode(),
    }


def synced_to(consumer: Socket, cursor: str) -> None:
    """After a SYNC_REQUEST of every type (its cursor has no types scope) the socket has been
    sent everything up to that cursor."""
    synced = cursor_decode(cursor, user_id=consumer.identity.user_id)
    if not synced.scope:
        consumer.position = synced.seq


async def deliver(consumer: Socket, event: dict[str, Any]) -> None:
    prev, last = event["prev_seq"], event["seq"]
    position = consumer.position
    if position is not None and last <= position:
        return  # already sent, by a catch-up that read past it
    if position is None or position == prev:
        if event.get("origin") == consumer.channel_name:
            consumer.position = last  # its own push: the sender has them in PUSH_RESULT
            return
        if event.get("frame") is not None:
            if event.get("count"):
                await consumer.send(text_data=event["frame"])
            consumer.position = last
            return
    await catch_up(consumer, after=prev if position is None else position)


async def catch_up(consumer: Socket, *, after: int) -> None:
    """Sends every change after position `after` as CHANGES pages, read from the feed."""
    user_id = consumer.identity.user_id
    read = database_sync_to_async(feed_pull)
    while True:
        since = cursor_for(user_id=user_id, seq=after).encode()
        try:
            page = await read(
                user_id=consumer.identity.user_id, since=since, limit=settings.REALTIME_CHUNK_SIZE
            )
        except ApiError as exc:  # 410 when the socket fell behind what the server keeps
            consumer.position = None
            error = RealtimeError(exc.code, exc.message, details={"status": exc.status_code})
            await consumer.send_message(error_message(error))
            return
        seq = cursor_decode(page["cursor"], user_id=user_id).seq
        if page["changes"]:
            message = changes_message(page["changes"], user_id=user_id, prev_seq=after, seq=seq)
            await consumer.send_message(message)
        consumer.position = after = seq
        if not page["hasMore"]:
            return
