"""`/metrics` counts live sockets: open ones, and those signed in."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async
from django.test import Client

from tests.mirubato.scrape import TOKEN, scrape, value
from tests.sync.realtime_support import communicator, receive, run, send, token_for

pytestmark = pytest.mark.django_db(transaction=True)
OPEN, SIGNED_IN = "mirubato_realtime_sockets_open", "mirubato_realtime_sockets_signed_in"


def test_live_sockets_are_counted_while_open_and_signed_in(user, settings):
    settings.METRICS_TOKEN = TOKEN
    token = token_for(user)
    read = database_sync_to_async(lambda: scrape(Client()))

    async def scenario():
        before = await read()
        comm = communicator()
        assert (await comm.connect())[0]
        opened = await read()
        await send(comm, {"type": "AUTH", "token": token})
        assert (await receive(comm))["type"] == "AUTH_OK"
        signed_in = await read()
        await comm.disconnect()
        closed = await read()
        return before, opened, signed_in, closed

    before, opened, signed_in, closed = run(scenario)
    assert value(opened, OPEN) - value(before, OPEN) == 1
    assert value(opened, SIGNED_IN) == value(before, SIGNED_IN)
    assert value(signed_in, SIGNED_IN) - value(before, SIGNED_IN) == 1
    assert (value(closed, OPEN), value(closed, SIGNED_IN)) == (
        value(before, OPEN),
        value(before, SIGNED_IN),
    )


def test_a_sockets_log_lines_carry_the_handshakes_request_id_and_the_user(user):
    from channels.testing import WebsocketCommunicator

    from mirubato.asgi import application
    from tests.mirubato.logcapture import captured_logs
    from tests.sync.realtime_support import ORIGIN

    token = token_for(user)

    async def scenario():
        headers = [ORIGIN, (b"x-request-id", b"ws-req-1")]
        comm = WebsocketCommunicator(application, "/ws/sync", headers=headers)
        assert (await comm.connect())[0]
        await send(comm, {"type": "AUTH", "token": token})
        assert (await receive(comm))["type"] == "AUTH_OK"
        await comm.disconnect()

    with captured_logs() as captured:
        run(scenario)
    (closed,) = [line for line in captured.lines() if line["message"].startswith("socket closed")]
    assert closed["request_id"] == "ws-req-1"
    assert closed["user_id"] == str(user.pk)
    assert closed["signed_in"] is True
