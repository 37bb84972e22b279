"""Live changes: every commit of a user reaches the user's other open sockets after it
commits, in feed order, never another user's; with the in-memory and the Redis layer."""

from __future__ import annotations

import dataclasses
import time

import pytest
from channels.db import database_sync_to_async
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sync.realtime import auth, fanout
from sync.realtime.limits import registry
from sync.services import entity_write
from tests.accounts.factories import UserFactory
from tests.sync import realtime_fixtures
from tests.sync.client import position, pull_all, push
from tests.sync.realtime_support import (
    connected,
    deletion,
    goal,
    nothing_more,
    receive,
    run,
    send,
    token_for,
    ws_push,
)

pytestmark = pytest.mark.django_db(transaction=True)
layer = realtime_fixtures.layer
redis_layer = realtime_fixtures.redis_layer


def summary(frame: dict) -> list[tuple]:
    return [(c["id"], c["seq"], c["deleted"]) for c in frame["changes"]]


async def live_until(socket, seq: int) -> list[dict]:
    """CHANGES frames until the one reaching feed position `seq`."""
    frames = [await receive(socket)]
    while frames[-1]["seq"] < seq:
        frames.append(await receive(socket))
    return frames


def test_a_push_reaches_the_users_other_sockets_and_no_one_else(layer, user):
    other = UserFactory()

    async def scenario():
        phone, laptop, stranger = (
            await connected(user),
            await connected(user),
            await connected(other),
        )
        result = await ws_push(phone, [goal("g1"), goal("g2")])
        live = await receive(laptop)
        return result, live, await nothing_more(phone), await nothing_more(stranger)

    result, live, phone_quiet, stranger_quiet = run(scenario)
    assert live["type"] == "CHANGES"
    assert summary(live) == [("g1", 1, False), ("g2", 2, False)]
    assert live["changes"][0]["data"] == {"title": "g1"}
    assert (live["prevSeq"], live["seq"]) == (0, 2)
    assert position(live["cursor"]) == position(result["cursor"])
    assert phone_quiet and stranger_quiet  # no echo to the sender; nothing to another user


def test_a_rest_push_reaches_an_open_socket(layer, user, auth_client):
    async def scenario():
        socket = await connected(user)
        await database_sync_to_async(push)(auth_client, [goal("g1"), deletion("goal", "g1")])
        return await receive(socket)

    live = run(scenario)
    # The create was superseded in the same push: the feed holds only its tombstone.
    assert summary(live) == [("g1", 2, True)]
    assert position(live["cursor"]) == position(pull_all(auth_client)[1])


def test_two_devices_see_each_others_changes_and_converge(layer, user, auth_client):
    async def scenario():
        phone, laptop = await connected(user), await connected(user)
        await ws_push(phone, [goal("g1", "from phone")])
        seen_on_laptop = await receive(laptop)
        await ws_push(laptop, [goal("g1", "edited on laptop", baseVersion=1), goal("g2")])
        seen_on_phone = await receive(phone)
        return seen_on_laptop, seen_on_phone

    on_laptop, on_phone = run(scenario)
    assert on_laptop["changes"][0]["data"] == {"title": "from phone"}
    assert [c["data"]["title"] for c in on_phone["changes"]] == ["edited on laptop", "g2"]
    assert [c["data"] for c in pull_all(auth_client)[0]] == [
        {"title": "edited on laptop"},
        {"title": "g2"},
    ]


def test_a_server_side_write_is_sent_after_commit_and_a_rollback_sends_nothing(layer, user):
    def write_then_roll_back():
        with transaction.atomic():
            entity_write(user=user, entity_type="goal", entity_id="lost", data={"t": 1})
            raise RuntimeError("rolled back")

    def write():
        entity_write(user=user, entity_type="user_preferences", entity_id=user.pk, data={"a": 1})

    async def scenario():
        socket = await connected(user)
        with pytest.raises(RuntimeError):
            await database_sync_to_async(write_then_roll_back)()
        quiet = await nothing_more(socket)
        await database_sync_to_async(write)()
        return quiet, await receive(socket)

    quiet, live = run(scenario)
    assert quiet
    assert summary(live) == [(str(user.pk), 1, False)]  # the rolled-back position was reused


def test_a_lost_announcement_is_repaired_from_the_feed_in_order(
    layer, user, auth_client, monkeypatch
):
    real_frame = fanout._frame
    dropped = []

    def drop_first(user_id, prev, last):
        if not dropped:
            dropped.append(prev)
            raise ConnectionError("announcement lost")  # the event goes out without its frame
        return real_frame(user_id, prev, last)

    monkeypatch.setattr(fanout, "_frame", drop_first)

    async def scenario():
        socket = await connected(user)
        await database_sync_to_async(push)(auth_client, [goal("g1")])
        await database_sync_to_async(push)(auth_client, [goal("g2")])
        return await live_until(socket, 2), await nothing_more(socket)

    frames, quiet = run(scenario)
    # g1 is read from the feed by the socket itself (with g2 if it has committed by then).
    assert [change for frame in frames for change in summary(frame)] == [
        ("g1", 1, False),
        ("g2", 2, False),
    ]
    assert frames[0]["prevSeq"] == 0 and quiet  # each change once


def test_an_announcement_that_never_arrives_is_filled_in_by_the_next(
    layer, user, auth_client, monkeypatch
):
    real_send = fanout.on_changes_committed
    calls = []

    def lose_first(sender, **kwargs):
        calls.append(kwargs["changes"])
        if len(calls) > 1:
            real_send(sender, **kwargs)

    from sync.signals import changes_committed

    changes_committed.disconnect(dispatch_uid="realtime-fanout")
    changes_committed.connect(lose_first, dispatch_uid="realtime-fanout")
    try:

        async def scenario():
            socket = await connected(user)
            await database_sync_to_async(push)(auth_client, [goal("g1")])
            await database_sync_to_async(push)(auth_client, [goal("g2")])
            return await receive(socket), await nothing_more(socket)

        gap_filled, quiet = run(scenario)
    finally:
        changes_committed.disconnect(dispatch_uid="realtime-fanout")
        fanout.connect()
    assert summary(gap_filled) == [("g1", 1, False), ("g2", 2, False)]
    assert gap_filled["prevSeq"] == 0 and quiet


def test_a_commit_too_big_for_the_layer_is_read_by_each_socket_in_pages(
    layer, user, auth_client, settings
):
    settings.REALTIME_MAX_EVENT_BYTES = 10
    settings.REALTIME_CHUNK_SIZE = 2

    async def scenario():
        socket = await connected(user)
        await database_sync_to_async(push)(auth_client, [goal(f"g{i}") for i in range(3)])
        return [await receive(socket), await receive(socket)]

    pages = run(scenario)
    assert [summary(p) for p in pages] == [
        [("g0", 1, False), ("g1", 2, False)],
        [("g2", 3, False)],
    ]
    assert [(p["prevSeq"], p["seq"]) for p in pages] == [(0, 2), (2, 3)]


def test_changes_made_while_a_token_was_expired_are_sent_after_the_fresh_auth(
    user, auth_client, monkeypatch
):
    real = auth._validate_async
    first = []

    async def short_lived(token):
        identity = await real(token)
        if not first:
            first.append(token)
            return dataclasses.replace(identity, expires_at=time.time() + 0.1)
        return identity

    monkeypatch.setattr(auth, "_validate_async", short_lived)
    fresh = token_for(user)

    async def scenario():
        socket = await connected(user)
        notice = await receive(socket)
        await database_sync_to_async(push)(auth_client, [goal("while-paused")])
        quiet = await nothing_more(socket)
        await send(socket, {"type": "AUTH", "token": fresh})
        return notice, quiet, await receive(socket), await receive(socket)

    notice, quiet, auth_ok, held_back = run(scenario)
    assert notice["type"] == "REAUTH_REQUIRED" and quiet
    assert auth_ok["type"] == "AUTH_OK"
    assert summary(held_back) == [("while-paused", 1, False)]


def test_auth_ok_names_the_feed_position_live_changes_start_after(user, auth_client):
    push(auth_client, [goal("g1"), goal("g2")])

    async def scenario():
        from tests.sync.realtime_support import communicator

        comm = communicator()
        await comm.connect()
        await send(comm, {"type": "AUTH", "token": await database_sync_to_async(token_for)(user)})
        return await receive(comm)

    auth_ok = run(scenario)
    assert auth_ok["seq"] == 2
    assert pull_all(auth_client, auth_ok["cursor"])[0] == []


def test_a_commit_no_socket_of_the_user_can_hear_is_neither_read_back_nor_announced(layer, user):
    user_id, changes = str(user.pk), [{"seq": 1}, {"seq": 2}]
    with CaptureQueriesContext(connection) as unheard:
        fanout.on_changes_committed(None, user_id=user_id, changes=changes)
    run(lambda: registry().claim(user_id, "another-device", 10))
    with CaptureQueriesContext(connection) as heard:
        fanout.on_changes_committed(None, user_id=user_id, changes=changes)
    run(lambda: registry().release(user_id, "another-device"))
    assert len(unheard) == 0
    assert len(heard) >= 1  # the CHANGES frame, read once for every socket
