"""WebSocket routes (mounted by `mirubato.asgi`)."""

from __future__ import annotations

from django.urls import path

from sync.realtime.consumer import SyncConsumer

websocket_urlpatterns = [
    path("ws/sync", SyncConsumer.as_asgi()),
]
