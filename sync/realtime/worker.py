"""gunicorn worker for `mirubato.asgi:application`: uvicorn, tuned for long-lived sockets.

`gunicorn -k sync.realtime.worker.RealtimeUvicornWorker mirubato.asgi:application`
(what `make run` does through gunicorn.conf.py).
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from uvicorn_worker import UvicornWorker

# Credentials a WebSocket URL may carry (the original web client sends `?token=`; our own
# protocol refuses it): uvicorn logs every handshake with its query string.
_CREDENTIALS = re.compile(r"((?:^|[?&])(?:access_token|token|jwt|auth)=)[^&\s\"]*", re.I)


class RedactUrlCredentials(logging.Filter):
    """Blanks credentials in the paths uvicorn logs, so no token reaches a log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _CREDENTIALS.sub(r"\1[redacted]", arg) if isinstance(arg, str) else arg
                for arg in record.args
            )
        return True


class RealtimeUvicornWorker(UvicornWorker):
    CONFIG_KWARGS: dict[str, Any] = {
        "loop": "auto",
        "http": "auto",
        # Channels' router does not speak the lifespan protocol.
        "lifespan": "off",
        # Recycling a worker after N requests would drop every socket it holds; gunicorn's
        # max_requests stays for the WSGI worker only.
        "limit_max_requests": None,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mirubato.settings")
        from django.conf import settings

        # Frames up to 4x the limit reach the consumer, which answers them with a typed
        # `message_too_large`; beyond that the server closes with 1009 before reading them.
        self.CONFIG_KWARGS = {
            **self.CONFIG_KWARGS,
            "ws_max_size": 4 * settings.REALTIME_MAX_MESSAGE_BYTES,
        }
        super().__init__(*args, **kwargs)
        for name in ("uvicorn.error", "uvicorn.access"):
            logging.getLogger(name).addFilter(RedactUrlCredentials())
