"""Signing a socket in: token in the first message or the subprotocol, never the URL."""

from __future__ import annotations

import dataclasses
import time

import pytest
from allauth.headless.tokens.strategies.jwt import internal as jwt_tokens

from accounts.services import login_session_create, logins_revoke_all
from sync.realtime import auth
from tests.accounts.factories import UserFactory
from tests.sync.realtime_support import (
    communicator,
    connected,
    receive,
    refused,
    run,
    send,
    token_for,
)

pytestmark = pytest.mark.django_db(transaction=True)


def expired_token(user) -> str:
    session = login_session_create(user=user)
    sid = jwt_tokens.session_key_to_sid(session.session_key)
    return jwt_tokens.create_token("access", sub=str(user.pk), sid=sid, expires_in=-60)[0]


def test_it_signs_in_with_the_token_in_the_first_message(user):
    token = token_for(user)

    async def scenario():
        comm = communicator()
        assert (await comm.connect())[0]
        await send(comm, {"type": "AUTH", "token": token, "requestId": "r1"})
        reply = await receive(comm)
        await comm.disconnect()
        return reply

    reply = run(scenario)
    assert reply["type"] == "AUTH_OK"
    assert reply["userId"] == str(user.pk)
    assert reply["requestId"] == "r1"
    assert reply["limits"]["maxMessageBytes"] == 1024 * 1024
    assert reply["expiresAt"].endswith("Z")


def test_it_signs_in_with_the_token_in_the_subprotocol_and_never_echoes_it(user):
    token = token_for(user)

    async def scenario():
        comm = communicator(subprotocols=[auth.PROTOCOL, f"{auth.TOKEN_PREFIX}{token}"])
        ok, subprotocol = await comm.connect()
        reply = await receive(comm)
        await comm.disconnect()
        return ok, subprotocol, reply

    ok, subprotocol, reply = run(scenario)
    assert ok and subprotocol == auth.PROTOCOL
    assert reply["type"] == "AUTH_OK" and reply["userId"] == str(user.pk)


def test_it_refuses_a_token_in_the_url(user):
    token = token_for(user)

    async def scenario():
        comm = communicator(path=f"/ws/sync?token={token}")
        await comm.connect()
        return await refused(comm)

    error, code = run(scenario)
    assert (error["code"], code) == ("token_in_url", 4400)
    assert error["closeCode"] == 4400


def test_it_closes_with_4401_for_a_forged_token(user):
    token = token_for(user)
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")

    async def scenario():
        comm = communicator()
        await comm.connect()
        await send(comm, {"type": "AUTH", "token": forged})
        return await refused(comm)

    error, code = run(scenario)
    assert (error["code"], code) == ("invalid_token", 4401)


def test_it_closes_with_4401_for_an_expired_token(user):
    token = expired_token(user)

    async def scenario():
        comm = communicator(subprotocols=[auth.PROTOCOL, f"{auth.TOKEN_PREFIX}{token}"])
        await comm.connect()
        return await refused(comm)

    error, code = run(scenario)
    assert (error["code"], code) == ("invalid_token", 4401)


def test_it_closes_with_4401_when_the_login_was_signed_out(user):
    token = token_for(user)
    logins_revoke_all(user=user)  # what logout and account deletion do to the login

    async def scenario():
        comm = communicator()
        await comm.connect()
        await send(comm, {"type": "AUTH", "token": token})
        return await refused(comm)

    error, code = run(scenario)
    assert (error["code"], code) == ("invalid_token", 4401)


def test_it_closes_with_4401_for_an_auth_without_a_token():
    async def scenario():
        comm = communicator()
        await comm.connect()
        await send(comm, {"type": "AUTH"})
        return await refused(comm)

    error, code = run(scenario)
    assert (error["code"], code) == ("token_required", 4401)


def test_it_closes_with_4401_for_a_message_before_auth():
    async def scenario():
        comm = communicator()
        await comm.connect()
        await send(comm, {"type": "PING"})
        return await refused(comm)

    error, code = run(scenario)
    assert (error["code"], code) == ("auth_required", 4401)


def test_it_closes_with_4408_when_no_auth_arrives_in_time(settings):
    settings.REALTIME_AUTH_TIMEOUT_SECONDS = 0.1

    async def scenario():
        comm = communicator()
        await comm.connect()
        return await refused(comm)

    error, code = run(scenario)
    assert (error["code"], code) == ("auth_timeout", 4408)


def test_it_refuses_the_handshake_from_a_foreign_origin():
    async def scenario():
        comm = communicator(origin=b"https://evil.example")
        ok, _ = await comm.connect()
        return ok

    # Closed before accept: servers answer the handshake with HTTP 403.
    assert run(scenario) is False


def shorten_first_expiry(monkeypatch, seconds: float) -> None:
    """The first AUTH's token 'expires' in `seconds`; later AUTHs are validated as they are."""
    real = auth._validate_async
    calls = []

    async def validate(token):
        identity = await real(token)
        calls.append(token)
        if identity is not None and len(calls) == 1:
            return dataclasses.replace(identity, expires_at=time.time() + seconds)
        return identity

    monkeypatch.setattr(auth, "_validate_async", validate)


def test_it_asks_for_a_fresh_token_when_it_expires_and_goes_on_after_auth(user, monkeypatch):
    shorten_first_expiry(monkeypatch, 0.1)
    fresh = token_for(user)

    async def scenario():
        comm = await connected(user)
        notice = await receive(comm)
        await send(comm, {"type": "PUSH", "changes": []})
        paused = await receive(comm)
        await send(comm, {"type": "AUTH", "token": fresh})
        again = await receive(comm)
        await send(comm, {"type": "PING"})
        pong = await receive(comm)
        await comm.disconnect()
        return notice, paused, again, pong

    notice, paused, again, pong = run(scenario)
    assert (notice["type"], notice["code"]) == ("REAUTH_REQUIRED", "token_expired")
    assert (paused["type"], paused["code"]) == ("ERROR", "reauth_required")
    assert again["type"] == "AUTH_OK"
    assert pong["type"] == "PONG"


def test_it_closes_with_4401_when_no_fresh_token_follows_the_notice(user, monkeypatch, settings):
    settings.REALTIME_AUTH_TIMEOUT_SECONDS = 0.1
    shorten_first_expiry(monkeypatch, 0.05)

    async def scenario():
        comm = await connected(user)
        notice = await receive(comm)
        return notice, *await refused(comm)

    notice, error, code = run(scenario)
    assert notice["type"] == "REAUTH_REQUIRED"
    assert (error["code"], code) == ("token_expired", 4401)


def test_it_closes_with_4403_when_a_second_auth_names_another_user(user):
    other = token_for(UserFactory())

    async def scenario():
        comm = await connected(user)
        await send(comm, {"type": "AUTH", "token": other})
        return await refused(comm)

    error, code = run(scenario)
    assert (error["code"], code) == ("user_mismatch", 4403)


def test_a_closed_socket_sends_nothing_after_its_close(user):
    async def scenario():
        comm = communicator()
        await comm.connect()
        await send(comm, {"type": "PING"})
        await refused(comm)
        await send(comm, {"type": "PING"})
        return await comm.receive_nothing(timeout=0.1)

    assert run(scenario)
