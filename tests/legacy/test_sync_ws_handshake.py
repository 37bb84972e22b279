"""`/sync/ws?userId=&token=`: who may open the original client's socket, refused before accept."""

from __future__ import annotations

import pytest
from allauth.headless.tokens.strategies.jwt import internal as jwt_tokens

from accounts.services import login_session_create, logins_revoke_all
from tests.accounts.factories import UserFactory
from tests.legacy.sync_support import handshake, legacy_socket, socket_path
from tests.sync.realtime_support import communicator, receive, refused, run, send, token_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_users_own_token_opens_it_with_a_welcome(user):
    async def scenario():
        comm = await legacy_socket(user)
        await send(comm, {"type": "PING", "timestamp": "2025-03-01T10:00:00.000Z"})
        return await receive(comm)

    pong = run(scenario)
    assert pong["type"] == "PONG" and pong["timestamp"].endswith("Z")


@pytest.mark.parametrize("token", ["", "not-a-jwt", "eyJhbGciOiJIUzI1NiJ9.e30.x"])
def test_a_missing_or_bad_token_is_refused(user, token):
    assert run(lambda: handshake(socket_path(str(user.pk), token))) is False


def test_an_expired_token_is_refused(user):
    session = login_session_create(user=user)
    sid = jwt_tokens.session_key_to_sid(session.session_key)
    token = jwt_tokens.create_token("access", sub=str(user.pk), sid=sid, expires_in=-60)[0]
    assert run(lambda: handshake(socket_path(str(user.pk), token))) is False


def test_a_user_id_that_is_not_the_tokens_user_is_refused(user):
    other = UserFactory()
    token = token_for(user)
    assert run(lambda: handshake(socket_path(str(other.pk), token))) is False
    assert run(lambda: handshake(f"/sync/ws?token={token}")) is False


def test_the_token_of_a_login_that_was_signed_out_is_refused(user):
    token = token_for(user)
    logins_revoke_all(user=user)
    assert run(lambda: handshake(socket_path(str(user.pk), token))) is False


def test_a_page_of_a_foreign_origin_is_refused(user):
    path = socket_path(str(user.pk), token_for(user))
    assert run(lambda: handshake(path, origin=b"https://evil.example")) is False


def test_it_takes_one_of_the_users_connection_slots_shared_with_ws_sync(user, settings):
    settings.REALTIME_MAX_CONNECTIONS_PER_USER = 1
    token = token_for(user)

    async def scenario():
        first = await legacy_socket(user, token)
        refused_second = await handshake(socket_path(str(user.pk), token))
        await first.disconnect()
        ours = communicator()
        await ours.connect()
        await send(ours, {"type": "AUTH", "token": token})
        freed = await receive(ours)  # the legacy socket's slot was released on close
        blocked = await handshake(socket_path(str(user.pk), token))
        return refused_second, freed, blocked

    refused_second, freed, blocked = run(scenario)
    assert refused_second is False
    assert freed["type"] == "AUTH_OK"
    assert blocked is False


def test_our_own_socket_still_refuses_a_token_in_the_url(user):
    path = socket_path(str(user.pk), token_for(user)).replace("/sync/ws", "/ws/sync")

    async def scenario():
        comm = communicator(path=path)
        await comm.connect()
        return await refused(comm)

    error, code = run(scenario)
    assert (error["code"], code) == ("token_in_url", 4400)


def test_an_unknown_websocket_path_is_refused_not_an_error(user):
    path = f"/nope/ws?userId={user.pk}&token={token_for(user)}"
    assert run(lambda: handshake(path)) is False
    assert run(lambda: handshake("/sync/ws/extra")) is False
