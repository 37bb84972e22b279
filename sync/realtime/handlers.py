"""PUSH and SYNC_REQUEST: the same functions, in the same order, as `POST /api/sync/push` and
`GET /api/sync/pull` (sync/api/views.py), so REST and WebSocket can never disagree."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from channels.db import database_sync_to_async
from django.conf import settings
from rest_framework.exceptions import ValidationError

from mirubato.api.errors import ApiError
from sync.api import params
from sync.feed import canonical_json, checksum_of, cursor_decode
from sync.pull import feed_pull
from sync.realtime import auth, delivery, fanout
from sync.realtime.protocol import Close, RealtimeError
from sync.services import sync_push
from sync.validation import device_id_clean, idempotency_key_clean, push_changes

if TYPE_CHECKING:
    from sync.realtime.consumer import SyncConsumer

Handler = Callable[["SyncConsumer", dict[str, Any], "str | None"], Awaitable[None]]

# Keys of a PUSH message that are the WebSocket's envelope; the rest is the REST body.
PUSH_ENVELOPE = {"type", "request_id", "idempotency_key", "device_id"}


def as_realtime_error(exc: ApiError | ValidationError) -> RealtimeError:
    """The REST error envelope of a failed push or pull, as a typed ERROR (socket stays open)."""
    if isinstance(exc, ValidationError):
        details = exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}
        return RealtimeError("invalid", "Invalid input.", details={"status": 400, **details})
    return RealtimeError(exc.code, exc.message, details={"status": exc.status_code, **exc.details})


def _still_signed_in(token: str) -> None:
    """A signed-out login stops its sockets at their next request, as it stops REST at once."""
    if auth._validate(token) is None:
        raise RealtimeError("invalid_token", "The login was signed out.", Close.UNAUTHORIZED)


def _push(identity: auth.Identity, token: str, message: dict[str, Any], origin: str) -> dict:
    _still_signed_in(token)
    body = {k: v for k, v in message.items() if k not in PUSH_ENVELOPE}
    changes = push_changes(body)
    sent_cursor = body.get("cursor")
    if sent_cursor is not None and not isinstance(sent_cursor, str):
        raise ApiError(400, "invalid_cursor", "`cursor` must be a string.", {"cursor": []})
    user = identity.user
    marker = fanout.origin.set(origin)  # the commit's fan-out skips the pushing socket
    try:
        outcome = sync_push(
            user=user,
            changes=changes,
            device_id=device_id_clean(_text(message.get("device_id"))),
            idempotency_key=idempotency_key_clean(_text(message.get("idempotency_key"))),
            request_hash=checksum_of(canonical_json(body)),
            cursor=cursor_decode(sent_cursor, user_id=user.pk) if sent_cursor else None,
        )
    finally:
        fanout.origin.reset(marker)
    return {**outcome.body, "replayed": outcome.replayed}


def _text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ApiError(400, "invalid", "Must be a string.", {"idempotency_key": []})
    return value


async def handle_push(consumer: SyncConsumer, message: dict[str, Any], request_id: str | None):
    """`PUSH {changes, cursor?, idempotencyKey?, deviceId?}` → `PUSH_RESULT`, the REST answer."""
    try:
        body = await database_sync_to_async(_push)(
            consumer.identity, consumer.token, message, consumer.channel_name
        )
    except (ApiError, ValidationError) as exc:
        raise as_realtime_error(exc) from None
    await consumer.send_message({"type": "PUSH_RESULT", **body}, request_id)


def pull_options(message: dict[str, Any]) -> tuple[int, list[str] | None]:
    """`limit` and `types` by the rules of the REST pull's query parameters."""
    query = {}
    if message.get("limit") is not None:
        query["limit"] = str(message["limit"])
    types = message.get("types")
    if types is not None:
        query["types"] = ",".join(map(str, types)) if isinstance(types, list) else str(types)
    request = SimpleNamespace(query_params=query)
    limit = params.pull_limit(request) if "limit" in query else settings.REALTIME_CHUNK_SIZE
    return limit, params.pull_types(request)


async def handle_sync_request(
    consumer: SyncConsumer, message: dict[str, Any], request_id: str | None
):
    """`SYNC_REQUEST {cursor?, types?, limit?}` → `SYNC_CHUNK`s in feed order, then
    `SYNC_COMPLETE {cursor}`: exactly what following `GET /api/sync/pull` would return."""
    cursor = message.get("cursor")
    if cursor is not None and not isinstance(cursor, str):
        raise RealtimeError("invalid_cursor", "`cursor` must be a string.", details={"status": 400})
    try:
        limit, types = pull_options(message)
        await database_sync_to_async(_still_signed_in)(consumer.token)
        while True:
            page = await database_sync_to_async(feed_pull)(
                user=consumer.identity.user, since=cursor, limit=limit, types=types
            )
            cursor = page["cursor"]
            await consumer.send_message({"type": "SYNC_CHUNK", **page}, request_id)
            if not page["hasMore"]:
                break
    except (ApiError, ValidationError) as exc:
        raise as_realtime_error(exc) from None
    await consumer.send_message({"type": "SYNC_COMPLETE", "cursor": cursor}, request_id)
    if types is None:
        delivery.synced_to(consumer, cursor)


HANDLERS: dict[str, Handler] = {"PUSH": handle_push, "SYNC_REQUEST": handle_sync_request}
