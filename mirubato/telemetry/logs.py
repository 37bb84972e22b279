"""Log records that say which work they belong to, as one JSON object a line or as text.

`LOG_FORMAT=json` (the default when DEBUG is off) writes one object a line: `time`, `level`,
`logger`, `message`, `request_id`, `user_id` (when signed in), then the record's own fields
(the request line adds `method`, `route`, `path`, `status`, `duration_ms`, `db_ms`,
`db_queries`) and `exception` with the traceback. `LOG_FORMAT=text` writes the same on one
readable line. It needs no settings: gunicorn.conf.py formats gunicorn's own lines with it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import orjson

from mirubato.telemetry import context

# The attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys()
    | {"message", "asctime", "request_id", "user_id", "user", "color_message", "taskName"}
)


class WorkContextFilter(logging.Filter):
    """Puts the current work's request id and user id on every record (a handler filter, so
    it sees the records of every logger, third-party ones included)."""

    def filter(self, record: logging.LogRecord) -> bool:
        work = context.current()
        if not hasattr(record, "request_id"):
            record.request_id = work.request_id if work else ""
        if not hasattr(record, "user_id"):
            record.user_id = work.current_user_id() if work else None
        return True


def _extra(record: logging.LogRecord) -> dict[str, Any]:
    return {key: value for key, value in vars(record).items() if key not in _STANDARD}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        body: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or None,
            "user_id": getattr(record, "user_id", None),
        }
        body.update(_extra(record))
        if record.exc_info:
            body["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            body["stack"] = self.formatStack(record.stack_info)
        return orjson.dumps(body, default=str).decode()


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s%(user)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record.request_id = getattr(record, "request_id", "") or "-"
        user_id = getattr(record, "user_id", None)
        record.user = f" user={user_id}" if user_id else ""
        return super().format(record)


def logging_config(*, fmt: str, level: str) -> dict[str, Any]:
    """settings.LOGGING for LOG_FORMAT=json|text."""
    if fmt not in ("json", "text"):
        raise ValueError(f"LOG_FORMAT must be json or text, not {fmt!r}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"work": {"()": WorkContextFilter}},
        "formatters": {
            "json": {"()": JsonFormatter},
            "text": {"()": TextFormatter},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": fmt, "filters": ["work"]}
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django.db.backends": {"level": "WARNING"}},
    }
