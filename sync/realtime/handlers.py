"""PUSH and SYNC_REQUEST, and live changes out: all through the sync engine's own functions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sync.realtime.consumer import SyncConsumer

Handler = Callable[["SyncConsumer", dict[str, Any], "str | None"], Awaitable[None]]

HANDLERS: dict[str, Handler] = {}


async def send_live_changes(consumer: SyncConsumer, event: dict[str, Any]) -> None:
    await consumer.send_message({"type": "CHANGES", "changes": event["changes"]})
