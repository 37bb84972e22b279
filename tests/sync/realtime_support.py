"""Helpers for the WebSocket tests: a bounded event loop per test, communicators, frames."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator

from accounts.services import tokens_issue
from sync.realtime import limits

TIMEOUT = 5  # seconds for any single frame; a test never waits longer for one
ORIGIN = (b"origin", b"http://localhost:5173")


_opened: list[WebsocketCommunicator] = []


def run(scenario: Callable[[], Awaitable[Any]], timeout: float = 30) -> Any:
    """Runs an async scenario from a sync test, bounded in time, then disconnects every socket
    it opened. A fresh channel layer each time: layers hold queues bound to the event loop
    that first used them."""
    channel_layers.backends.clear()
    _opened.clear()

    async def bounded() -> Any:
        try:
            return await asyncio.wait_for(scenario(), timeout)
        finally:
            for comm in _opened:
                with contextlib.suppress(Exception):
                    await comm.disconnect(timeout=TIMEOUT)
            await close_redis_clients()

    return async_to_sync(bounded)()


def token_for(user) -> str:
    return tokens_issue(user=user).access_token


def communicator(
    *, subprotocols: list[str] | None = None, path: str = "/ws/sync", origin: bytes | None = None
) -> WebsocketCommunicator:
    from mirubato.asgi import application

    headers = [(b"origin", origin)] if origin else [ORIGIN]
    comm = WebsocketCommunicator(application, path, headers=headers, subprotocols=subprotocols)
    _opened.append(comm)
    return comm


async def send(comm: WebsocketCommunicator, message: dict[str, Any]) -> None:
    await comm.send_to(text_data=json.dumps(message))


async def receive(comm: WebsocketCommunicator, timeout: float = TIMEOUT) -> dict[str, Any]:
    return await comm.receive_json_from(timeout=timeout)


async def expect_close(comm: WebsocketCommunicator, timeout: float = TIMEOUT) -> int:
    """The close code the server sent next (frames before it would fail the test)."""
    output = await comm.receive_output(timeout=timeout)
    assert output["type"] == "websocket.close", output
    return output.get("code", 1000)


async def refused(comm: WebsocketCommunicator, timeout: float = TIMEOUT) -> tuple[dict, int]:
    """A refusal: the typed ERROR, then the close code."""
    error = await receive(comm, timeout)
    assert error["type"] == "ERROR", error
    return error, await expect_close(comm, timeout)


async def connected(user, **kwargs: Any) -> WebsocketCommunicator:
    """A socket signed in with AUTH as `user` (a login of its own), its AUTH_OK consumed."""
    return await signed_in(await _token(user), **kwargs)


async def signed_in(token: str, **kwargs: Any) -> WebsocketCommunicator:
    """A socket signed in with AUTH and this access token, its AUTH_OK consumed."""
    comm = communicator(**kwargs)
    ok, _ = await comm.connect(timeout=TIMEOUT)
    assert ok
    await send(comm, {"type": "AUTH", "token": token})
    reply = await receive(comm)
    assert reply["type"] == "AUTH_OK", reply
    return comm


async def _token(user) -> str:
    from channels.db import database_sync_to_async

    return await database_sync_to_async(token_for)(user)


async def nothing_more(comm: WebsocketCommunicator, timeout: float = 0.2) -> bool:
    """True when no frame arrives within a short window (isolation checks)."""
    return await comm.receive_nothing(timeout=timeout)


async def close_redis_clients() -> None:
    """The registry's Redis clients of this loop, closed before the loop ends."""
    loop = asyncio.get_running_loop()
    for registry in limits._registries.values():
        client = getattr(registry, "clients", {}).pop(loop, None)
        if client is not None:
            await client.aclose()


async def until(comm: WebsocketCommunicator, kind: str) -> list[dict[str, Any]]:
    """Every frame up to and including the first of type `kind`."""
    frames = []
    while True:
        frame = await receive(comm)
        frames.append(frame)
        if frame["type"] in (kind, "ERROR"):
            return frames


async def ws_push(comm: WebsocketCommunicator, changes: list[dict], **extra: Any) -> dict:
    await send(comm, {"type": "PUSH", "changes": changes, **extra})
    return (await until(comm, "PUSH_RESULT"))[-1]


def goal(entity_id: str, title: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": "goal", "id": entity_id, "data": {"title": title or entity_id}, **extra}


def deletion(kind: str, entity_id: str) -> dict[str, Any]:
    """A delete saying when it was made (a tombstone otherwise records the server's time)."""
    data = {"deletedAt": "2026-01-06T09:00:00Z"}
    return {"type": kind, "id": entity_id, "deleted": True, "data": data}
