"""PUSH and SYNC_REQUEST: framing around the very checks and functions `POST /api/sync/push`
and `GET /api/sync/pull` use (`sync.services.push_request`; `PullParams` and
`sync.selectors.feed_pull`), so REST and WebSocket can never disagree."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from channels.db import database_sync_to_async
from django.conf import settings
from rest_framework.exceptions import ValidationError

from mirubato.api.errors import ApiError, as_api_error
from mirubato.api.inputs import validated
from sync.realtime import auth, delivery, fanout
from sync.realtime.protocol import RealtimeError
from sync.selectors import feed_pull
from sync.services import push_request
from sync.validation import PullParams

if TYPE_CHECKING:
    from sync.realtime.socket import Socket

Handler = Callable[["Socket", dict[str, Any], "str | None"], Awaitable[None]]

# Keys of a PUSH message that are the WebSocket's envelope; the rest is the REST body.
PUSH_ENVELOPE = {"type", "request_id", "idempotency_key", "device_id"}


def as_realtime_error(exc: ApiError) -> RealtimeError:
    """The REST error envelope of a failed push or pull, as a typed ERROR (socket stays open)."""
    return RealtimeError(exc.code, exc.message, details={"status": exc.status_code, **exc.details})


def _push(consumer: Socket, message: dict[str, Any]) -> dict[str, Any]:
    auth.still_signed_in(consumer.token)
    marker = fanout.origin.set(consumer.channel_name)  # its fan-out skips the pushing socket
    try:
        outcome = push_request(
            user=consumer.identity.user,
            body={k: v for k, v in message.items() if k not in PUSH_ENVELOPE},
            body_bytes=consumer.frame_bytes,
            idempotency_key=message.get("idempotency_key"),
            device_id=message.get("device_id"),
        )
    finally:
        fanout.origin.reset(marker)
    return {**outcome.body, "replayed": outcome.replayed}


async def handle_push(consumer: Socket, message: dict[str, Any], request_id: str | None):
    """`PUSH {changes, cursor?, idempotencyKey?, deviceId?}` → `PUSH_RESULT`, the REST answer."""
    try:
        body = await database_sync_to_async(_push)(consumer, message)
    except ApiError as exc:
        raise as_realtime_error(exc) from None
    await consumer.send_message({"type": "PUSH_RESULT", **body}, request_id)


def _page(consumer: Socket, message: dict[str, Any], cursor: Any) -> dict[str, Any]:
    asked = {"since": cursor, "limit": message.get("limit"), "types": message.get("types")}
    try:
        params = validated(PullParams, asked, default_limit=settings.REALTIME_CHUNK_SIZE)
    except ValidationError as exc:
        raise as_api_error(exc) from None  # the envelope REST would answer
    return feed_pull(user_id=consumer.identity.user_id, **params)


async def handle_sync_request(consumer: Socket, message: dict[str, Any], request_id: str | None):
    """`SYNC_REQUEST {cursor?, types?, limit?}` → `SYNC_CHUNK`s in feed order, then
    `SYNC_COMPLETE {cursor}`: exactly what following `GET /api/sync/pull` would return."""
    cursor = message.get("cursor")
    try:
        await database_sync_to_async(auth.still_signed_in)(consumer.token)
        while True:
            page = await database_sync_to_async(_page)(consumer, message, cursor)
            cursor = page["cursor"]
            await consumer.send_message({"type": "SYNC_CHUNK", **page}, request_id)
            if not page["hasMore"]:
                break
    except ApiError as exc:
        raise as_realtime_error(exc) from None
    await consumer.send_message({"type": "SYNC_COMPLETE", "cursor": cursor}, request_id)
    delivery.synced_to(consumer, cursor)


HANDLERS: dict[str, Handler] = {"PUSH": handle_push, "SYNC_REQUEST": handle_sync_request}
