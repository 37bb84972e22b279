"""The WebSocket answer for a path no app mounts: the handshake is refused (HTTP 403), where
channels' router would raise and the server answer a 500."""

from __future__ import annotations

from channels.generic.websocket import AsyncWebsocketConsumer


class UnknownPathConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        await self.close()  # before accept: the server refuses the handshake
