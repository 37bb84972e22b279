"""Two real server processes on loopback sharing Redis: a change committed in one reaches the
user's sockets held by the other, over real WebSockets (and REST pushes do too)."""

from __future__ import annotations

import json
import urllib.request
import uuid

import pytest

from tests.sync.client import position
from tests.sync.realtime_server import (
    asgi_server,
    migrate_and_sign_in,
    server_env,
    ws_receive,
    ws_send,
    ws_signed_in,
)

# The phone and the laptop are two logins of one user; the stranger is someone else.
EMAILS = ["musician@example.com", "musician@example.com", "stranger@example.com"]


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory, redis_url):
    run_id = uuid.uuid4().hex[:8]
    env = server_env(
        tmp_path_factory.mktemp("processes"),
        REDIS_URL=redis_url,
        REALTIME_LAYER_PREFIX=f"mirubato-test-{run_id}",
        CACHE_KEY_PREFIX=f"mirubato-test-{run_id}",
    )
    tokens = dict(
        zip(["phone", "laptop", "stranger"], migrate_and_sign_in(env, EMAILS), strict=True)
    )
    with asgi_server(env) as first, asgi_server(env) as second:
        yield first, second, tokens


def rest_push(port: int, token: str, changes: list[dict]) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/sync/push",
        data=json.dumps({"changes": changes}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def test_a_push_on_one_server_reaches_the_users_socket_on_the_other(two_servers):
    first, second, tokens = two_servers
    phone_token, laptop_token = tokens["phone"], tokens["laptop"]
    with (
        ws_signed_in(first, phone_token) as phone,
        ws_signed_in(second, laptop_token) as laptop,
        ws_signed_in(second, tokens["stranger"]) as stranger,
    ):
        ws_send(phone, {"type": "PUSH", "changes": [{"type": "goal", "id": "g1", "data": {}}]})
        result = ws_receive(phone)
        live = ws_receive(laptop)
        with pytest.raises(TimeoutError):
            stranger.recv(timeout=0.3)
    assert result["type"] == "PUSH_RESULT"
    assert live["type"] == "CHANGES"
    assert [(c["id"], c["seq"]) for c in live["changes"]] == [("g1", result["results"][0]["seq"])]


def test_a_rest_push_to_one_server_reaches_a_socket_on_the_other(two_servers):
    first, second, tokens = two_servers
    with ws_signed_in(first, tokens["phone"]) as phone:
        answer = rest_push(
            second, tokens["laptop"], [{"type": "goal", "id": "g2", "data": {"t": 2}}]
        )
        live = ws_receive(phone)
    assert live["changes"][0]["data"] == {"t": 2}
    assert position(live["cursor"]) == position(answer["cursor"])
