"""A logout reaches the login's open sockets: live changes stop and the socket closes with
4401, even if it never sends another message; other logins' sockets carry on."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async
from django.db import connection
from rest_framework.test import APIClient

from sync.realtime import auth
from sync.services import entity_write
from tests.sync import realtime_fixtures
from tests.sync.realtime_support import (
    connected,
    goal,
    nothing_more,
    receive,
    refused,
    run,
    send,
    signed_in,
    token_for,
)

pytestmark = pytest.mark.django_db(transaction=True)
layer = realtime_fixtures.layer
redis_layer = realtime_fixtures.redis_layer


def logout(token: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client.post("/api/auth/logout").status_code


def write(user, entity_id: str) -> None:
    entity_write(user=user, entity_type="goal", entity_id=entity_id, data={"title": entity_id})


def delete_logins_unannounced(user) -> None:
    """Logins gone without a model delete (raw SQL, as a DBA or another tool would)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM login_sessions WHERE user_id = %s", [user.pk])


def test_a_logout_closes_the_logins_idle_socket_at_once_with_4401(layer, user):
    token = token_for(user)

    async def scenario():
        socket = await signed_in(token)
        status = await database_sync_to_async(logout)(token)
        return status, await refused(socket)

    status, (error, code) = run(scenario)
    assert status in (200, 204)
    assert (error["code"], code) == ("invalid_token", 4401)
    assert error["closeCode"] == 4401


def test_a_socket_of_another_login_stays_open_and_keeps_receiving(layer, user):
    token = token_for(user)

    async def scenario():
        signed_out_socket = await signed_in(token)
        other_device = await connected(user)
        await database_sync_to_async(logout)(token)
        await refused(signed_out_socket)
        await database_sync_to_async(write)(user, "g1")
        return await receive(other_device)

    live = run(scenario)
    assert live["type"] == "CHANGES" and [c["id"] for c in live["changes"]] == ["g1"]


def test_delivery_rechecks_the_login_and_sends_nothing_after_it_is_gone(user, settings):
    settings.REALTIME_LOGIN_CHECK_SECONDS = 0  # check before every delivery, no waiting

    async def scenario():
        socket = await connected(user)
        await database_sync_to_async(delete_logins_unannounced)(user)
        await database_sync_to_async(write)(user, "secret")
        return await refused(socket)  # the ERROR comes first; a CHANGES frame would fail it

    error, code = run(scenario)
    assert (error["code"], code) == ("invalid_token", 4401)


def test_the_login_is_checked_at_most_once_per_period_however_busy_the_feed(
    user, settings, monkeypatch
):
    settings.REALTIME_LOGIN_CHECK_SECONDS = 3600
    checks: list[str] = []
    real_check = auth.login_exists
    monkeypatch.setattr(auth, "login_exists", lambda key: checks.append(key) or real_check(key))

    async def scenario():
        socket = await connected(user)
        for n in range(5):
            await database_sync_to_async(write)(user, f"g{n}")
            await receive(socket)
        return await nothing_more(socket)

    assert run(scenario)
    assert checks == []  # checked at AUTH, not again within the period


def test_a_push_is_still_refused_after_an_unannounced_logout(user):
    async def scenario():
        socket = await connected(user)
        await database_sync_to_async(delete_logins_unannounced)(user)
        await send(socket, {"type": "PUSH", "changes": [goal("g1")]})
        return await refused(socket)

    error, code = run(scenario)
    assert (error["code"], code) == ("invalid_token", 4401)
