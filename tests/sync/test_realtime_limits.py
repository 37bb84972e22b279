"""Limits: frame size, messages per minute, idle sockets, open sockets per user."""

from __future__ import annotations

import pytest

from tests.accounts.factories import UserFactory
from tests.sync.realtime_support import (
    communicator,
    connected,
    receive,
    refused,
    run,
    send,
    token_for,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_closes_with_4413_for_a_frame_over_the_size_limit(user, settings):
    settings.REALTIME_MAX_MESSAGE_BYTES = 2000

    async def scenario():
        comm = await connected(user)
        await send(comm, {"type": "PING", "padding": "é" * 1000})  # 2000+ bytes, under 2000 chars
        return await refused(comm)

    error, code = run(scenario)
    assert (error["code"], code) == ("message_too_large", 4413)
    assert error["details"]["limit"] == 2000


def test_it_closes_with_4429_past_the_messages_per_minute(user, settings):
    settings.REALTIME_MESSAGES_PER_MINUTE = 3

    async def scenario():
        comm = await connected(user)  # AUTH is the first message
        replies = []
        for _ in range(2):
            await send(comm, {"type": "PING"})
            replies.append((await receive(comm))["type"])
        await send(comm, {"type": "PING"})
        return replies, *await refused(comm)

    replies, error, code = run(scenario)
    assert replies == ["PONG", "PONG"]
    assert (error["code"], code) == ("rate_limited", 4429)
    assert error["details"]["limit"] == 3


def test_it_closes_an_idle_socket_with_4410(user, settings):
    settings.REALTIME_IDLE_TIMEOUT_SECONDS = 0.2

    async def scenario():
        comm = await connected(user)
        return await refused(comm)

    error, code = run(scenario)
    assert (error["code"], code) == ("idle_timeout", 4410)


def test_a_ping_keeps_a_socket_from_going_idle(user, settings):
    settings.REALTIME_IDLE_TIMEOUT_SECONDS = 0.3

    async def scenario():
        comm = await connected(user)
        for _ in range(3):
            assert await comm.receive_nothing(timeout=0.15)
            await send(comm, {"type": "PING"})
            assert (await receive(comm))["type"] == "PONG"
        await comm.disconnect()
        return True

    assert run(scenario)


def test_it_closes_with_4409_past_the_connections_per_user(user, settings):
    settings.REALTIME_MAX_CONNECTIONS_PER_USER = 2
    other = UserFactory()

    async def scenario():
        first, second = await connected(user), await connected(user)
        third = communicator()
        await third.connect()
        await send(third, {"type": "AUTH", "token": token_for_async_safe})
        refusal = await refused(third)
        someone_else = await connected(other)  # another user's count is their own
        await first.disconnect()
        fourth = await connected(user)  # a closed socket frees its slot
        for comm in (second, someone_else, fourth):
            await comm.disconnect()
        return refusal

    token_for_async_safe = token_for(user)
    error, code = run(scenario)
    assert (error["code"], code) == ("too_many_connections", 4409)
    assert error["details"]["limit"] == 2


def test_it_says_live_sync_is_unavailable_when_redis_is_down(user, settings):
    settings.REALTIME_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there

    async def scenario():
        comm = communicator()
        await comm.connect()
        await send(comm, {"type": "AUTH", "token": token})
        return await refused(comm)

    token = token_for(user)
    error, code = run(scenario)
    assert (error["code"], code) == ("service_unavailable", 4503)
