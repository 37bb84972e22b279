"""Messages every session speaks: PING, and typed errors for frames it cannot use."""

from __future__ import annotations

import pytest

from tests.sync.realtime_support import connected, receive, run, send

pytestmark = pytest.mark.django_db(transaction=True)


def answer(user, **frame) -> dict:
    """The reply of a signed-in socket to one frame (`text` raw, or a message)."""

    async def scenario():
        comm = await connected(user)
        if "message" in frame:
            await send(comm, frame["message"])
        else:
            await comm.send_to(**frame)
        reply = await receive(comm)
        await comm.disconnect()
        return reply

    return run(scenario)


def test_it_answers_ping_with_pong_and_the_request_id(user):
    reply = answer(user, message={"type": "PING", "requestId": "p-1"})
    assert reply["type"] == "PONG"
    assert reply["requestId"] == "p-1"
    assert reply["timestamp"].endswith("Z")


def test_it_answers_invalid_json_with_a_typed_error_and_stays_open(user):
    async def scenario():
        comm = await connected(user)
        await comm.send_to(text_data="{not json")
        error = await receive(comm)
        await send(comm, {"type": "PING"})
        pong = await receive(comm)
        await comm.disconnect()
        return error, pong

    error, pong = run(scenario)
    assert (error["type"], error["code"]) == ("ERROR", "invalid_json")
    assert "closeCode" not in error
    assert pong["type"] == "PONG"


def test_it_answers_a_message_without_a_type_with_a_typed_error(user):
    assert answer(user, text_data="[1, 2]")["code"] == "invalid_message"


def test_it_answers_an_unknown_type_naming_the_supported_ones(user):
    error = answer(user, message={"type": "ENTRY_CREATED", "requestId": "x"})
    assert error["code"] == "unknown_type"
    assert error["requestId"] == "x"
    assert {"AUTH", "PING", "PUSH", "SYNC_REQUEST"} <= set(error["details"]["supported"])


def test_it_answers_a_binary_frame_with_a_typed_error(user):
    assert answer(user, bytes_data=b'{"type": "PING"}')["code"] == "binary_not_supported"
