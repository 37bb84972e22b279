"""Limits a socket lives under: frame size, messages per minute, open sockets per user.

The connection count is shared by every process through Redis when REALTIME_REDIS_URL is set
(a sorted set of leases per user, renewed while the socket lives, so a crashed process frees
its slots when the leases lapse); without Redis it is counted in this process.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from typing import Protocol

import redis
import redis.asyncio as aioredis
from django.conf import settings

from sync.realtime.protocol import Close, RealtimeError


def check_frame_size(text: str | None = None, *, size: int | None = None) -> int:
    """A frame above REALTIME_MAX_MESSAGE_BYTES is refused with 4413 (`size` for bytes);
    returns the frame's size in bytes."""
    limit = settings.REALTIME_MAX_MESSAGE_BYTES
    if size is None:
        text = text or ""
        # Each character is at least one byte: an over-long text is refused without encoding.
        size = len(text) if len(text) > limit else len(text.encode())
    if size > limit:
        raise RealtimeError(
            "message_too_large",
            f"Messages are limited to {limit} bytes; push larger batches over REST.",
            Close.TOO_LARGE,
            {"limit": limit},
        )
    return size


class RateLimiter:
    """A token bucket per socket: bursts up to the per-minute budget, refilled evenly."""

    def __init__(self, per_minute: int) -> None:
        self.capacity = float(per_minute)
        self.tokens = float(per_minute)
        self.rate = per_minute / 60.0
        self.stamp = time.monotonic()

    def take(self) -> None:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            raise RealtimeError(
                "rate_limited",
                f"More than {int(self.capacity)} messages a minute.",
                Close.RATE_LIMITED,
                {"limit": int(self.capacity), "retry_after": 60},
            )
        self.tokens -= 1


def too_many_connections(limit: int) -> RealtimeError:
    return RealtimeError(
        "too_many_connections",
        f"At most {limit} sockets per user are open at once; close another device's socket.",
        Close.TOO_MANY_CONNECTIONS,
        {"limit": limit},
    )


class ConnectionRegistry(Protocol):
    async def claim(self, user_id: str, conn_id: str, limit: int) -> bool: ...
    async def renew(self, user_id: str, conn_id: str) -> None: ...
    async def release(self, user_id: str, conn_id: str) -> None: ...
    def has_sockets(self, user_id: str) -> bool: ...


class MemoryRegistry:
    """Open sockets of this process; check-and-add runs without an await, so it is atomic."""

    def __init__(self) -> None:
        self.users: dict[str, set[str]] = {}

    async def claim(self, user_id: str, conn_id: str, limit: int) -> bool:
        conns = self.users.setdefault(user_id, set())
        if conn_id not in conns and len(conns) >= limit:
            return False
        conns.add(conn_id)
        return True

    async def renew(self, user_id: str, conn_id: str) -> None:
        return None

    async def release(self, user_id: str, conn_id: str) -> None:
        conns = self.users.get(user_id, set())
        conns.discard(conn_id)
        if not conns:
            self.users.pop(user_id, None)

    def has_sockets(self, user_id: str) -> bool:
        """Whether this process holds a socket of the user (without Redis, the only ones an
        announcement can reach)."""
        return bool(self.users.get(user_id))


# Lapsed leases are dropped, then the slot is taken only if one is free, in one atomic step.
# Scores use Redis' own clock so hosts with skewed clocks agree on what has lapsed.
_CLAIM = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and
   redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[3])) + 1)
return 1
"""


class RedisRegistry:
    """Leases in a sorted set per user (member: the socket's channel name, score: expiry)."""

    def __init__(self, url: str, lease_seconds: int) -> None:
        self.url = url
        self.lease = lease_seconds
        # redis.asyncio connections belong to the loop that opened them.
        self.clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aioredis.Redis] = (
            weakref.WeakKeyDictionary()
        )
        self._sync_client: redis.Redis | None = None  # for the committing (sync) thread

    def client(self) -> aioredis.Redis:
        loop = asyncio.get_running_loop()
        if loop not in self.clients:
            self.clients[loop] = aioredis.Redis.from_url(self.url)
        return self.clients[loop]

    @staticmethod
    def key(user_id: str) -> str:
        return f"mirubato:ws:conns:{user_id}"

    async def claim(self, user_id: str, conn_id: str, limit: int) -> bool:
        claimed = await self.client().eval(_CLAIM, 1, self.key(user_id), conn_id, limit, self.lease)
        return bool(claimed)

    async def renew(self, user_id: str, conn_id: str) -> None:
        # A renewal is a claim with no limit: the socket already holds its slot.
        await self.client().eval(_CLAIM, 1, self.key(user_id), conn_id, 2**31, self.lease)

    async def release(self, user_id: str, conn_id: str) -> None:
        await self.client().zrem(self.key(user_id), conn_id)

    def has_sockets(self, user_id: str) -> bool:
        """Whether any process holds a lease for the user. A lapsed lease of a crashed process
        still counts until its key expires: it only costs an announcement nobody hears."""
        if self._sync_client is None:
            self._sync_client = redis.Redis.from_url(self.url)  # its pool is thread-safe
        return bool(self._sync_client.exists(self.key(user_id)))


_registries: dict[tuple[str, int], ConnectionRegistry] = {}


def registry() -> ConnectionRegistry:
    """The registry for the current settings (tests switch between memory and Redis)."""
    url = settings.REALTIME_REDIS_URL
    key = (url, settings.REALTIME_CONNECTION_LEASE_SECONDS)
    if key not in _registries:
        _registries[key] = RedisRegistry(url, key[1]) if url else MemoryRegistry()
    return _registries[key]
