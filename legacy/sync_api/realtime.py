"""`ws /sync/ws?userId=&token=`: the original web client's socket (the client's calls §11,
docs/web-client.md, "Sync: the client's shapes and ours").

It is a second wire onto the live channel of `/ws/sync` (docs/realtime.md), built from the
same parts through `sync.services`: the token is checked by the same function, the socket takes
one of the user's connection slots and joins the user's group, its frames meet the same size
and rate limits and idle timeout, committed changes reach it through the same in-order
delivery, and its ENTRY_* frames go through the same push. What differs is the original's
wire: the token in the query string (the client can send it nowhere else; /ws/sync still
refuses it there), a refusal before accept instead of a typed error, its frames, and a close
when the token expires, since the client cannot sign a socket in again.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import parse_qs

import orjson
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from redis.exceptions import RedisError

from accounts import selectors as accounts_selectors
from legacy.sync_api import frames
from mirubato.api.errors import ApiError
from mirubato.api.renderers import dumps
from sync.selectors import cursor_for, feed_head, feed_pull
from sync.services import (
    Close,
    RateLimiter,
    RealtimeError,
    Timers,
    authenticate,
    check_frame_size,
    deliver,
    group_name,
    origin,
    push_request,
    registry,
    too_many_connections,
)

logger = logging.getLogger(__name__)


class LiveFeed:
    """This socket as `sync.services.deliver` sees it (a `sync.realtime.socket.Socket`): the
    feed position it has been sent, and our CHANGES frames handed on as the original's."""

    def __init__(self, consumer: LegacySyncConsumer, position: int) -> None:
        self.consumer = consumer
        self.position: int | None = position
        self.identity = consumer.identity
        self.token = consumer.token
        self.channel_name = consumer.channel_name
        self.frame_bytes = 0

    async def send(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """A CHANGES frame as the fan-out encoded it once for all the user's sockets."""
        await self.consumer.send_changes(orjson.loads(text_data or "{}").get("changes", []))

    async def send_message(self, message: dict[str, Any], request_id: str | None = None) -> None:
        """A CHANGES page read from the feed (its `data` are stored JSON, decoded to be
        read), or the error of a socket that fell behind what the server keeps."""
        if message["type"] == "CHANGES":
            await self.consumer.send_changes(orjson.loads(dumps(message["changes"])))
        elif message["type"] == "ERROR":
            error = RealtimeError(message.get("code", "error"), message.get("message", ""))
            await self.consumer.send_frame(frames.error_frame(error))


class LegacySyncConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.identity: Any = None
        self.token = ""
        self.live: LiveFeed | None = None
        self.closing = False
        self.joined = False
        self.frame_bytes = 0
        self.limiter = RateLimiter(settings.REALTIME_MESSAGES_PER_MINUTE)
        self.timers = Timers()
        self.last_seen = self.login_seen = time.monotonic()
        try:
            self.identity, self.token = await self._identify()
            await self._join(self.identity.user_id)
        except RealtimeError:
            self.closing = True
            await self._leave()
            await self.close()  # before accept: the server refuses the handshake (HTTP 403)
            return
        # After joining the group: every later commit is announced to this socket.
        position = await database_sync_to_async(feed_head)(user_id=self.identity.user_id)
        self.live = LiveFeed(self, position)
        await self.accept()
        self._start_timers()
        await self.send_frame(frames.frame("WELCOME", message="Connected to Mirubato sync"))

    async def _identify(self) -> tuple[Any, str]:
        """The token's identity, validated as REST validates a bearer token (its login must
        still exist); `userId` must name the token's user."""
        query = parse_qs(self.scope.get("query_string", b"").decode("latin1"))
        user_id, token = (query.get(name, [""])[0] for name in ("userId", "token"))
        identity = await authenticate(token)
        if identity.user_id != user_id:
            raise RealtimeError("user_mismatch", "User ID mismatch", Close.FORBIDDEN)
        return identity, token

    async def _join(self, user_id: str) -> None:
        """One of the user's connection slots (shared with /ws/sync), then the user's group."""
        limit = settings.REALTIME_MAX_CONNECTIONS_PER_USER
        try:
            claimed = await registry().claim(user_id, self.channel_name, limit)
            if claimed:
                self.joined = True
                await self.channel_layer.group_add(group_name(user_id), self.channel_name)
        except (OSError, RedisError) as exc:  # Redis down: refused, the client retries later
            logger.warning("legacy realtime: cannot join user %s: %s", user_id, exc)
            raise RealtimeError("service_unavailable", str(exc), Close.UNAVAILABLE) from None
        if not claimed:
            raise too_many_connections(limit)

    async def _leave(self) -> None:
        self.timers.cancel_all()
        if not self.joined:
            return
        self.joined = False
        user_id = self.identity.user_id
        try:
            await self.channel_layer.group_discard(group_name(user_id), self.channel_name)
            await registry().release(user_id, self.channel_name)
        except (OSError, RedisError):  # the lease and the membership lapse by themselves
            pass

    async def disconnect(self, code: int) -> None:
        self.closing = True
        await self._leave()

    # --- frames from the client ----------------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.closing:
            return
        self.last_seen = time.monotonic()
        try:
            self.limiter.take()
            if text_data is None:
                check_frame_size(size=len(bytes_data or b""))
                raise RealtimeError("binary_not_supported", "Send JSON text frames.")
            self.frame_bytes = check_frame_size(text_data)
            await self._dispatch(frames.decode(text_data))
        except RealtimeError as error:
            await self.refuse(error)

    async def _dispatch(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind == "PING":
            return await self.send_frame(frames.frame("PONG"))
        if kind == "SYNC_REQUEST":
            return await self._sync_request(message)
        if kind in frames.ENTRY_FRAMES:
            return await self._apply_entry(message)
        raise RealtimeError("unknown_type", f"Unknown message type: {kind}")

    async def _apply_entry(self, message: dict[str, Any]) -> None:
        """ENTRY_* through our push (same validation; last arrival wins, as over REST with no
        `baseVersion`); the fan-out skips this socket, so the sender is not echoed."""
        change = frames.entry_change(message)
        await self._still_signed_in()
        try:
            await database_sync_to_async(self._push)(change)
        except ApiError as exc:
            raise frames.entry_error(exc) from None
        await self.send_frame(frames.mutation_applied())

    def _push(self, change: dict[str, Any]) -> None:
        marker = origin.set(self.channel_name)
        try:
            push_request(
                user=self.identity.user, body={"changes": [change]}, body_bytes=self.frame_bytes
            )
        finally:
            origin.reset(marker)

    async def _sync_request(self, message: dict[str, Any]) -> None:
        """Logbook changes after `lastSeq` (or the live logbook without it, or when our feed
        no longer reaches back that far), then SYNC_RESPONSE with the position covered."""
        await self._still_signed_in()
        after = frames.last_seq_of(message)
        head = await database_sync_to_async(feed_head)(user_id=self.identity.user_id)
        try:
            sent = await self._send_entries(after)
        except ApiError as exc:
            if exc.code not in ("cursor_expired", "invalid_cursor"):
                raise RealtimeError(exc.code, exc.message) from None
            sent = await self._send_entries(None)
        await self.send_frame(frames.sync_response(sent=sent, last_seq=head))

    async def _send_entries(self, after: int | None) -> int:
        user_id = self.identity.user_id
        since = cursor_for(user_id=user_id, seq=after).encode() if after else None
        read, sent = database_sync_to_async(feed_pull), 0
        while True:
            limit = settings.REALTIME_CHUNK_SIZE
            page = await read(user_id=user_id, since=since, limit=limit, types=[frames.LOGBOOK])
            for item in frames.catch_up_frames(page["changes"]):
                await self.send_frame(item)
            sent, since = sent + len(page["changes"]), page["cursor"]
            if not page["hasMore"]:
                return sent

    async def _still_signed_in(self) -> None:
        """A signed-out login or an expired token stops the socket at its next request."""
        await authenticate(self.token)

    # --- frames to the client --------------------------------------------------------------

    async def send_frame(self, message: dict[str, Any]) -> None:
        if not self.closing:
            await self.send(text_data=dumps(message).decode())

    async def send_changes(self, changes: list[dict[str, Any]]) -> None:
        for message in frames.live_frames(changes):
            await self.send_frame(message)

    async def refuse(self, error: RealtimeError) -> None:
        """The ERROR goes first; a closing refusal then closes with our code (never 1000,
        so the client reconnects)."""
        await self.send_frame(frames.error_frame(error))
        if error.close is not None and not self.closing:
            self.closing = True
            await self.close(code=int(error.close))
            await self._leave()

    # --- live changes from the channel layer -----------------------------------------------

    async def sync_changes(self, event: dict[str, Any]) -> None:
        """Changes committed for this user by REST, a socket or the server, in any process."""
        if self.closing or self.live is None:
            return
        if await self._login_alive():
            await deliver(self.live, event)

    async def sync_login_ended(self, event: dict[str, Any]) -> None:
        """One of the user's logins was signed out (maybe this one's): check at once."""
        if not self.closing and self.live is not None:
            self.login_seen = float("-inf")
            await self._login_alive()

    async def _login_alive(self) -> bool:
        """As /ws/sync: looked up at most every REALTIME_LOGIN_CHECK_SECONDS (at once after a
        logout was announced); a signed-out socket is closed with 4401."""
        now = time.monotonic()
        if now - self.login_seen < settings.REALTIME_LOGIN_CHECK_SECONDS:
            return True
        session_key = self.identity.session_key
        if await database_sync_to_async(accounts_selectors.login_exists)(session_key=session_key):
            self.login_seen = now
            return True
        message = "The login was signed out."
        await self.refuse(RealtimeError("invalid_token", message, Close.UNAUTHORIZED))
        return False

    # --- timers ----------------------------------------------------------------------------

    def _start_timers(self) -> None:
        self.timers.at("idle", settings.REALTIME_IDLE_TIMEOUT_SECONDS, self._check_idle)
        self.timers.at("expiry", self.identity.expires_at - time.time(), self._token_expired)
        self._schedule_renewal()

    async def _token_expired(self) -> None:
        message = "The access token expired; sign in again."
        await self.refuse(RealtimeError("token_expired", message, Close.UNAUTHORIZED))

    async def _check_idle(self) -> None:
        timeout = settings.REALTIME_IDLE_TIMEOUT_SECONDS
        remaining = self.last_seen + timeout - time.monotonic()
        if remaining > 0:
            return self.timers.at("idle", remaining, self._check_idle)
        message = f"Nothing received for {timeout} s."
        await self.refuse(RealtimeError("idle_timeout", message, Close.IDLE))

    def _schedule_renewal(self) -> None:
        self.timers.at("renew", settings.REALTIME_CONNECTION_LEASE_SECONDS / 3, self._renew)

    async def _renew(self) -> None:
        """Keeps the connection slot's lease and the group membership (both expire) alive."""
        if not self.joined:
            return
        self._schedule_renewal()  # first, so a failed renewal is retried
        user_id = self.identity.user_id
        await registry().renew(user_id, self.channel_name)
        await self.channel_layer.group_add(group_name(user_id), self.channel_name)
