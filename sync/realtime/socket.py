"""The socket as the PUSH/SYNC handlers and live delivery see it."""

from __future__ import annotations

from typing import Any, Protocol

from sync.realtime.auth import Identity


class Socket(Protocol):
    """What the PUSH/SYNC handlers and live delivery need of a socket (`SyncConsumer` is one):
    typed here so they need not import the consumer that calls them."""

    identity: Identity
    token: str
    channel_name: str
    frame_bytes: int
    position: int | None

    async def send(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None: ...

    async def send_message(
        self, message: dict[str, Any], request_id: str | None = None
    ) -> None: ...
