"""The original client's WebSocket (`/sync/ws?userId=&token=`, at the root: the client appends
`/sync/ws` to its host), mounted by mirubato.asgi (settings.WEBSOCKET_ROUTES)."""

from __future__ import annotations

from django.urls import path

from legacy.sync_api.realtime import LegacySyncConsumer

websocket_urlpatterns = [
    path("sync/ws", LegacySyncConsumer.as_asgi()),
]
