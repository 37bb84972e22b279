"""Smoke test: the real ASGI server (gunicorn + uvicorn worker, the project's config) serves
HTTP and a real WebSocket from one process, and closes with typed codes over the wire."""

from __future__ import annotations

import pytest
from websockets.exceptions import ConnectionClosed

from tests.sync.realtime_server import (
    asgi_server,
    migrate_and_sign_in,
    server_env,
    ws_connect,
    ws_receive,
    ws_send,
    ws_signed_in,
)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    env = server_env(tmp_path_factory.mktemp("asgi"))
    [token] = migrate_and_sign_in(env, ["smoke@example.com"])
    with asgi_server(env) as port:
        yield port, token


def test_the_asgi_server_serves_http_and_a_signed_in_websocket(served):
    import urllib.request

    port, token = served
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=5) as response:
        assert response.status == 200
    with ws_signed_in(port, token) as ws:
        ws_send(ws, {"type": "PING", "requestId": "1"})
        pong = ws_receive(ws)
    assert (pong["type"], pong["requestId"]) == ("PONG", "1")


def test_the_asgi_server_closes_a_bad_token_with_4401_after_a_typed_error(served):
    port, _ = served
    with ws_connect(port) as ws:
        ws_send(ws, {"type": "AUTH", "token": "not-a-jwt"})
        error = ws_receive(ws)
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=5)
    assert error["code"] == "invalid_token"
    assert closed.value.rcvd.code == 4401


def test_the_asgi_server_takes_the_token_from_the_subprotocol(served):
    port, token = served
    with ws_connect(port, subprotocols=["mirubato.sync.v1", f"access_token.{token}"]) as ws:
        assert ws.subprotocol == "mirubato.sync.v1"
        assert ws_receive(ws)["type"] == "AUTH_OK"
