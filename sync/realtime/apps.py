from __future__ import annotations

from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    """WebSocket sync. An app of its own so every process (WSGI included) subscribes the
    fan-out to committed sync changes at start-up."""

    name = "sync.realtime"
    label = "realtime"
    verbose_name = "Real-time sync"

    def ready(self) -> None:
        from sync.realtime import fanout

        fanout.connect()
