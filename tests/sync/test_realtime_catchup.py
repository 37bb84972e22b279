"""SYNC_REQUEST: the same feed and tombstones as GET /api/sync/pull, in chunks, then
SYNC_COMPLETE; a device that was offline gets exactly what it missed."""

from __future__ import annotations

import pytest

from tests.sync.client import position, pull, pull_all, push
from tests.sync.realtime_support import (
    connected,
    deletion,
    goal,
    receive,
    run,
    send,
    until,
    ws_push,
)

pytestmark = pytest.mark.django_db(transaction=True)


def changes_of(frames: list[dict]) -> list[dict]:
    return [c for f in frames if f["type"] == "SYNC_CHUNK" for c in f["changes"]]


def test_without_a_cursor_it_streams_the_live_state_in_chunks_then_completes(
    user, auth_client, settings
):
    settings.REALTIME_CHUNK_SIZE = 2
    push(auth_client, [goal(f"g{i}") for i in range(5)])
    push(auth_client, [deletion("goal", "g0")])

    async def scenario():
        comm = await connected(user)
        await send(comm, {"type": "SYNC_REQUEST", "requestId": "s"})
        return await until(comm, "SYNC_COMPLETE")

    frames = run(scenario)
    # A first sync is a snapshot: pages of 2 of the live g1..g4, never g0's tombstone.
    assert [f["type"] for f in frames] == ["SYNC_CHUNK"] * 2 + ["SYNC_COMPLETE"]
    assert [f["hasMore"] for f in frames[:-1]] == [True, False]
    assert [c["id"] for c in changes_of(frames)] == ["g1", "g2", "g3", "g4"]
    assert all(f["requestId"] == "s" for f in frames)
    assert changes_of(frames) == pull_all(auth_client, limit=2)[0]
    assert position(frames[-1]["cursor"]) == position(frames[-2]["cursor"])
    assert pull_all(auth_client, frames[-1]["cursor"])[0] == []


def test_a_device_that_was_offline_catches_up_exactly_what_it_missed(user, auth_client):
    push(auth_client, [goal("g1"), goal("g2")])

    async def offline_then_back():
        device = await connected(user)
        await send(device, {"type": "SYNC_REQUEST"})
        cursor = (await until(device, "SYNC_COMPLETE"))[-1]["cursor"]
        await device.disconnect()
        laptop = await connected(user)
        await ws_push(laptop, [goal("g3"), goal("g1", "edited")])
        await ws_push(laptop, [deletion("goal", "g2")])
        device = await connected(user)
        await send(device, {"type": "SYNC_REQUEST", "cursor": cursor})
        return cursor, await until(device, "SYNC_COMPLETE")

    cursor, frames = run(offline_then_back)
    missed = changes_of(frames)
    assert [(c["id"], c["seq"], c["deleted"]) for c in missed] == [
        ("g3", 3, False),
        ("g1", 4, False),
        ("g2", 5, True),
    ]
    assert missed[1]["data"] == {"title": "edited"}
    assert missed == pull_all(auth_client, cursor)[0]  # exactly what REST pull answers
    assert pull_all(auth_client, frames[-1]["cursor"])[0] == []


def test_types_limit_the_stream_like_the_pull_parameter(user, auth_client):
    push(auth_client, [goal("g1"), {"type": "practice_plan", "id": "p1", "data": {"title": "P"}}])

    async def scenario():
        comm = await connected(user)
        await send(comm, {"type": "SYNC_REQUEST", "types": ["practice_plan"]})
        return await until(comm, "SYNC_COMPLETE")

    assert [c["id"] for c in changes_of(run(scenario))] == ["p1"]


@pytest.mark.parametrize(
    ("request_fields", "code", "status"),
    [
        ({"cursor": "not-a-cursor"}, "invalid_cursor", 400),
        ({"cursor": 12}, "invalid_cursor", 400),
        ({"types": ["nonsense"]}, "invalid", 400),
        ({"limit": 0}, "invalid", 400),
    ],
)
def test_a_bad_request_is_a_typed_error_and_the_socket_stays_open(
    user, request_fields, code, status
):
    async def scenario():
        comm = await connected(user)
        await send(comm, {"type": "SYNC_REQUEST", **request_fields})
        error = await receive(comm)
        await send(comm, {"type": "PING"})
        return error, await receive(comm)

    error, pong = run(scenario)
    assert (error["type"], error["code"], error["details"]["status"]) == ("ERROR", code, status)
    assert pong["type"] == "PONG"


def test_another_users_cursor_is_refused(user, make_auth_client):
    from tests.accounts.factories import UserFactory

    other_client = make_auth_client(UserFactory())
    push(other_client, [goal("secret")])
    their_cursor = pull_all(other_client)[1]

    async def scenario():
        comm = await connected(user)
        await send(comm, {"type": "SYNC_REQUEST", "cursor": their_cursor})
        return await receive(comm)

    error = run(scenario)
    assert error["code"] == "invalid_cursor"


@pytest.mark.parametrize(
    ("rest_query", "ws_fields"),
    [
        ({"limit": "0"}, {"limit": 0}),
        ({"limit": "1001"}, {"limit": 1001}),
        ({"types": "song"}, {"types": ["song"]}),
        ({"since": "not-a-cursor"}, {"cursor": "not-a-cursor"}),
    ],
)
def test_the_same_bad_pull_is_the_same_error_over_rest_and_the_socket(
    user, auth_client, rest_query, ws_fields
):
    rest = pull(auth_client, **rest_query)

    async def scenario():
        comm = await connected(user)
        await send(comm, {"type": "SYNC_REQUEST", **ws_fields})
        return await receive(comm)

    error = run(scenario)
    rest_error = rest.json()["error"]
    assert (error["code"], error["message"]) == (rest_error["code"], rest_error["message"])
    assert error["details"] == {"status": rest.status_code, **rest_error["details"]}
