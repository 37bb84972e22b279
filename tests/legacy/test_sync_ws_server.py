"""Over the real ASGI server (gunicorn + the realtime worker): the original client's socket at
the root path, and an unknown WebSocket path refused with a 403 where it used to be a 500."""

from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from tests.sync.realtime_server import ORIGIN, asgi_server, migrate_and_sign_in, server_env


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    env = server_env(tmp_path_factory.mktemp("legacy-asgi"))
    [token] = migrate_and_sign_in(env, ["legacy-ws@example.com"])
    with asgi_server(env) as port:
        yield port, token


def _open(port: int, path: str):
    return connect(f"ws://127.0.0.1:{port}{path}", origin=ORIGIN, proxy=None, open_timeout=10)


def _user_id(token: str) -> str:
    """The token's user, as the client has it from /api/user/me (the JWT's `sub`)."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"]


def test_the_client_socket_opens_at_the_root_with_the_token_in_the_query(served):
    port, token = served
    path = f"/sync/ws?userId={quote(_user_id(token))}&token={quote(token)}"
    with _open(port, path) as ws:
        welcome = json.loads(ws.recv(timeout=10))
        ws.send(json.dumps({"type": "PING", "timestamp": "2025-03-01T10:00:00.000Z"}))
        pong = json.loads(ws.recv(timeout=10))
    assert welcome["type"] == "WELCOME" and pong["type"] == "PONG"


def test_a_bad_token_is_a_refused_handshake(served):
    port, token = served
    with pytest.raises(InvalidStatus) as refused:
        _open(port, f"/sync/ws?userId={quote(_user_id(token))}&token=nope")
    assert refused.value.response.status_code == 403


@pytest.mark.parametrize("path", ["/nope", "/ws/sync/extra", "/legacy/api/sync/pull"])
def test_an_unknown_websocket_path_is_a_403_not_a_500(served, path):
    port, _ = served
    with pytest.raises(InvalidStatus) as refused:
        _open(port, path)
    assert refused.value.response.status_code == 403
