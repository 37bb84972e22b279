"""`ws /ws/sync`: one socket of one device (the protocol is in docs/realtime.md).

A socket starts unauthenticated; AUTH (or the token in Sec-WebSocket-Protocol) claims one of the
user's connection slots and joins the user's group, through which every committed change of
that user reaches it (`fanout`). Every refusal is an ERROR message first, then a close code.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from redis.exceptions import RedisError

from mirubato.telemetry import context
from sync import metrics
from sync.feed import cursor_for
from sync.realtime import auth, delivery, fanout, handlers
from sync.realtime.limits import RateLimiter, check_frame_size, registry, too_many_connections
from sync.realtime.protocol import (
    Close,
    RealtimeError,
    decode,
    encode,
    error_message,
    now_iso,
    request_id_of,
)
from sync.realtime.timers import Timers
from sync.selectors import feed_head

logger = logging.getLogger(__name__)


class SyncConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        # The socket's log lines carry one request id (the handshake's X-Request-ID if the
        # proxy sent one) and, once signed in, the user id.
        context.begin(request_id=context.request_id_from_scope(self.scope))
        self.counted = False
        self.identity: auth.Identity | None = None
        self.position: int | None = None  # the feed position this socket has been sent
        self.token = ""
        self.joined = False
        self.reauth_pending = False
        self.closing = False
        self.last_seen = time.monotonic()
        self.login_seen = 0.0  # when the login was last seen to exist (monotonic)
        self.frame_bytes = 0  # the size of the frame being handled (a PUSH body's size)
        self.limiter = RateLimiter(settings.REALTIME_MESSAGES_PER_MINUTE)
        self.timers = Timers()
        protocol, token = auth.offered_protocol(self.scope)
        await self.accept(subprotocol=protocol)
        metrics.SOCKETS_OPEN.inc()
        self.counted, self.opened_at = True, time.monotonic()
        self.timers.at("idle", settings.REALTIME_IDLE_TIMEOUT_SECONDS, self._check_idle)
        self.timers.at("auth", settings.REALTIME_AUTH_TIMEOUT_SECONDS, self._auth_timeout)
        try:
            auth.refuse_url_credentials(self.scope)
            if token is not None:
                await self._authenticate(token, None)
        except RealtimeError as error:
            await self.refuse(error)

    async def disconnect(self, code: int) -> None:
        self.closing = True
        await self._leave()
        if getattr(self, "counted", False):
            self.counted = False
            metrics.SOCKETS_OPEN.dec()
            logger.info(
                "socket closed (code %s) after %.1fs",
                code,
                time.monotonic() - self.opened_at,
                extra={"close_code": code, "signed_in": self.identity is not None},
            )

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.closing:
            return
        self.last_seen = time.monotonic()
        request_id = None
        try:
            self.limiter.take()
            if text_data is None:
                check_frame_size(size=len(bytes_data or b""))
                raise RealtimeError("binary_not_supported", "Send JSON text frames.")
            self.frame_bytes = check_frame_size(text_data)
            message = decode(text_data)
            request_id = request_id_of(message)
            await self._dispatch(message, request_id)
        except RealtimeError as error:
            await self.refuse(error, request_id)

    async def _dispatch(self, message: dict[str, Any], request_id: str | None) -> None:
        kind = message["type"]
        if kind == "AUTH":
            return await self._authenticate(message.get("token"), request_id)
        if self.identity is None:
            raise RealtimeError("auth_required", "Send AUTH first.", Close.UNAUTHORIZED)
        if kind == "PING":
            return await self.send_message({"type": "PONG", "timestamp": now_iso()}, request_id)
        if self.reauth_pending:
            raise RealtimeError("reauth_required", "The access token expired; send AUTH.")
        handler = handlers.HANDLERS.get(kind)
        if handler is None:
            raise RealtimeError(
                "unknown_type",
                f"Unknown message type {kind!r}.",
                details={"supported": ["AUTH", "PING", *handlers.HANDLERS]},
            )
        await handler(self, message, request_id)

    # --- sending -------------------------------------------------------------------------------

    async def send_message(self, message: dict[str, Any], request_id: str | None = None) -> None:
        if self.closing:
            return
        if request_id is not None:
            message = {**message, "request_id": request_id}
        await self.send(text_data=encode(message))

    async def refuse(self, error: RealtimeError, request_id: str | None = None) -> None:
        """The typed ERROR always goes first; a closing refusal then closes with its code."""
        await self.send_message(error_message(error, request_id))
        if error.close is not None and not self.closing:
            self.closing = True
            await self.close(code=int(error.close))
            await self._leave()

    # --- authentication ------------------------------------------------------------------------

    async def _authenticate(self, token: Any, request_id: str | None) -> None:
        identity = await auth.authenticate(token)
        if self.identity is not None and identity.user_id != self.identity.user_id:
            message = "AUTH on an open socket must be for the same user."
            raise RealtimeError("user_mismatch", message, Close.FORBIDDEN)
        if self.identity is None:
            await self._join(identity.user_id)
            # After joining the group: later commits are announced to this socket.
            self.position = await database_sync_to_async(feed_head)(user_id=identity.user_id)
        was_paused = self.reauth_pending
        context.set_user(identity.user_id)
        self.identity, self.token, self.reauth_pending = identity, token, False
        self.login_seen = time.monotonic()
        self.timers.cancel("auth")
        self.timers.at("expiry", identity.expires_at - time.time(), self._token_expired)
        await self.send_message(self._auth_ok(identity), request_id)
        if was_paused and self.position is not None:
            await delivery.catch_up(self, after=self.position)  # what the pause held back

    async def _join(self, user_id: str) -> None:
        limit = settings.REALTIME_MAX_CONNECTIONS_PER_USER
        try:
            claimed = await registry().claim(user_id, self.channel_name, limit)
            if claimed:
                self.joined, self.joined_user = True, user_id
                metrics.SOCKETS_SIGNED_IN.inc()
                await self.channel_layer.group_add(fanout.group_name(user_id), self.channel_name)
        except (OSError, RedisError) as exc:  # Redis down: say so, the client retries later
            logger.warning("realtime: cannot join user %s: %s", user_id, exc)
            raise RealtimeError(
                "service_unavailable", "Live sync is unavailable; retry shortly.", Close.UNAVAILABLE
            ) from None
        if not claimed:
            raise too_many_connections(limit)
        self._schedule_renewal()

    def _auth_ok(self, identity: auth.Identity) -> dict[str, Any]:
        return {
            "type": "AUTH_OK",
            "user_id": identity.user_id,
            "expires_at": datetime.fromtimestamp(identity.expires_at, UTC),
            "seq": self.position,
            "cursor": cursor_for(user_id=identity.user_id, seq=self.position or 0).encode(),
            "limits": {
                "max_message_bytes": settings.REALTIME_MAX_MESSAGE_BYTES,
                "messages_per_minute": settings.REALTIME_MESSAGES_PER_MINUTE,
                "idle_timeout_seconds": settings.REALTIME_IDLE_TIMEOUT_SECONDS,
                "chunk_size": settings.REALTIME_CHUNK_SIZE,
            },
        }

    async def _leave(self) -> None:
        self.timers.cancel_all()
        if not self.joined:
            return
        self.joined = False
        metrics.SOCKETS_SIGNED_IN.dec()
        try:
            await self.channel_layer.group_discard(
                fanout.group_name(self.joined_user), self.channel_name
            )
            await registry().release(self.joined_user, self.channel_name)
        except (OSError, RedisError) as exc:  # the lease and the membership lapse by themselves
            logger.warning("realtime: cannot release a slot of %s: %s", self.joined_user, exc)

    # --- timers --------------------------------------------------------------------------------

    async def _auth_timeout(self) -> None:
        if self.identity is None:
            seconds = settings.REALTIME_AUTH_TIMEOUT_SECONDS
            await self.refuse(
                RealtimeError("auth_timeout", f"No AUTH within {seconds} s.", Close.AUTH_TIMEOUT)
            )

    async def _token_expired(self) -> None:
        """Live events pause until a fresh AUTH; the client then catches up from its cursor."""
        self.reauth_pending = True
        seconds = settings.REALTIME_AUTH_TIMEOUT_SECONDS
        await self.send_message(
            {
                "type": "REAUTH_REQUIRED",
                "code": "token_expired",
                "message": f"The access token expired: send AUTH with a fresh one within "
                f"{seconds} s. Live changes are held back until then, and sent after it.",
                "deadline_seconds": seconds,
            }
        )
        self.timers.at("reauth", seconds, self._reauth_timeout)

    async def _reauth_timeout(self) -> None:
        if self.reauth_pending:
            await self.refuse(
                RealtimeError("token_expired", "No fresh AUTH after expiry.", Close.UNAUTHORIZED)
            )

    async def _check_idle(self) -> None:
        timeout = settings.REALTIME_IDLE_TIMEOUT_SECONDS
        remaining = self.last_seen + timeout - time.monotonic()
        if remaining > 0:
            self.timers.at("idle", remaining, self._check_idle)
            return
        await self.refuse(
            RealtimeError("idle_timeout", f"Nothing received for {timeout} s.", Close.IDLE)
        )

    def _schedule_renewal(self) -> None:
        self.timers.at("renew", settings.REALTIME_CONNECTION_LEASE_SECONDS / 3, self._renew)

    async def _renew(self) -> None:
        """Keeps the connection slot's lease and the group membership (both expire) alive."""
        if not self.joined:
            return
        self._schedule_renewal()  # first, so a failed renewal is retried
        await registry().renew(self.joined_user, self.channel_name)
        await self.channel_layer.group_add(fanout.group_name(self.joined_user), self.channel_name)

    # --- live changes from the channel layer ---------------------------------------------------

    async def sync_changes(self, event: dict[str, Any]) -> None:
        """Changes committed for this user by REST or another socket, in any process."""
        if self.closing or self.identity is None or self.reauth_pending:
            return
        if await self._login_alive():
            await delivery.deliver(self, event)

    async def sync_login_ended(self, event: dict[str, Any]) -> None:
        """One of this user's logins was signed out (maybe not this socket's): check at once."""
        if not self.closing and self.identity is not None:
            self.login_seen = float("-inf")
            await self._login_alive()

    async def _login_alive(self) -> bool:
        """Live changes stop once the socket's login is signed out, even if the socket sends
        nothing: checked at most every REALTIME_LOGIN_CHECK_SECONDS (and at once when a logout
        is announced), so a busy feed costs one primary-key lookup per socket per period."""
        now = time.monotonic()
        if now - self.login_seen < settings.REALTIME_LOGIN_CHECK_SECONDS:
            return True
        if await database_sync_to_async(auth.login_exists)(self.identity.session_key):
            self.login_seen = now
            return True
        await self.refuse(auth.signed_out())
        return False
