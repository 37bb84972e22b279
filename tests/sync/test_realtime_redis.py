"""With Redis: the connection count and the channel layer span processes and hosts."""

from __future__ import annotations

import asyncio

import pytest

from mirubato.ids import new_id
from sync.realtime.limits import RedisRegistry
from tests.sync import realtime_fixtures
from tests.sync.realtime_support import communicator, connected, refused, run, send, token_for

pytestmark = pytest.mark.django_db(transaction=True)
redis_layer = realtime_fixtures.redis_layer


def test_two_processes_share_one_connection_count(redis_layer):
    here, there = RedisRegistry(redis_layer, 60), RedisRegistry(redis_layer, 60)
    user_id = new_id()

    async def scenario():
        claims = [
            await here.claim(user_id, "a", 2),
            await here.claim(user_id, "b", 2),
            await there.claim(user_id, "c", 2),
        ]
        await here.release(user_id, "a")
        claims.append(await there.claim(user_id, "c", 2))
        return claims

    assert run(scenario) == [True, True, False, True]


def test_a_socket_claiming_its_own_slot_again_is_not_counted_twice(redis_layer):
    registry = RedisRegistry(redis_layer, 60)
    user_id = new_id()

    async def scenario():
        return [await registry.claim(user_id, "a", 1), await registry.claim(user_id, "a", 1)]

    assert run(scenario) == [True, True]


def test_a_lease_its_process_stopped_renewing_frees_the_slot(redis_layer):
    crashed, alive = RedisRegistry(redis_layer, 0.05), RedisRegistry(redis_layer, 60)
    user_id = new_id()

    async def scenario():
        assert await crashed.claim(user_id, "gone", 1)
        refused_now = await alive.claim(user_id, "new", 1)
        await asyncio.sleep(0.1)  # longer than the crashed process' lease
        return refused_now, await alive.claim(user_id, "new", 1)

    assert run(scenario) == (False, True)


def test_any_process_can_tell_whether_a_user_has_a_socket_open(redis_layer):
    here, there = RedisRegistry(redis_layer, 60), RedisRegistry(redis_layer, 60)
    user_id = new_id()
    before = there.has_sockets(user_id)
    run(lambda: here.claim(user_id, "a", 2))
    during = there.has_sockets(user_id)
    run(lambda: here.release(user_id, "a"))
    assert (before, during, there.has_sockets(user_id)) == (False, True, False)


def test_the_consumer_counts_connections_in_redis(redis_layer, user, settings):
    settings.REALTIME_MAX_CONNECTIONS_PER_USER = 1
    token = token_for(user)

    async def scenario():
        first = await connected(user)
        second = communicator()
        await second.connect()
        await send(second, {"type": "AUTH", "token": token})
        refusal = await refused(second)
        await first.disconnect()
        members = (
            await RedisRegistry(redis_layer, 60).client().zcard(RedisRegistry.key(str(user.pk)))
        )
        return refusal, members

    (error, code), members = run(scenario)
    assert (error["code"], code) == ("too_many_connections", 4409)
    assert members == 0  # the closed socket gave its slot back
