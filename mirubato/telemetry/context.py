"""What a log line says about the work it belongs to: the request id, the signed-in user, and
the database time and query count so far. One `WorkContext` per request (HTTP), socket
(WebSocket) or command run, held in a contextvar, so it follows the work into threads that
`asgiref` and `channels` start (they copy the context) and never leaks into the next request.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import SimpleLazyObject, empty

from mirubato.ids import new_id

# A proxy's id is kept when it is a short token of safe characters (UUIDs, ULIDs, nginx's
# $request_id, AWS trace ids); anything else (spaces, quotes, newlines, 200 characters) could
# forge log lines or bloat them, so the request gets a fresh id instead.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:;=+/@-]{0,127}")


@dataclass
class WorkContext:
    request_id: str
    user_id: str | None = None
    request: Any = None  # the HttpRequest, read for its user once authentication ran
    db_queries: int = 0
    db_seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def current_user_id(self) -> str | None:
        if self.user_id is None and self.request is not None:
            self.user_id = _authenticated_id(self.request)
        return self.user_id


_current: ContextVar[WorkContext | None] = ContextVar("mirubato_work", default=None)


def request_id_clean(raw: str | None) -> str | None:
    """The id as sent when it is acceptable, else None (the caller makes a new one)."""
    if raw and REQUEST_ID_PATTERN.fullmatch(raw):
        return raw
    return None


def new_request_id() -> str:
    return new_id()


def current() -> WorkContext | None:
    return _current.get()


def current_request_id() -> str:
    work = _current.get()
    return work.request_id if work else ""


@contextmanager
def work(*, request_id: str | None = None, request: Any = None, **extra: Any):
    """Runs a block as one unit of work: its logs carry `request_id` (a new one if None)."""
    context = WorkContext(request_id=request_id or new_request_id(), request=request, extra=extra)
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


def set_user(user_id: str | None) -> None:
    """Names the signed-in user of the current work (a socket after AUTH)."""
    work = _current.get()
    if work is not None:
        work.user_id = user_id


def _authenticated_id(request: Any) -> str | None:
    """The user authentication already found, without triggering it: a log line must never
    run a query. Django's lazy user counts once evaluated; DRF sets the real user in place."""
    user = request.__dict__.get("user")
    if isinstance(user, SimpleLazyObject):
        user = None if user._wrapped is empty else user._wrapped
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return str(user.pk)


def begin(*, request_id: str | None = None, **extra: Any) -> WorkContext:
    """Starts the work of the current task for the rest of its life (a WebSocket consumer:
    each socket runs in a task of its own, and the tasks it starts inherit the context)."""
    context = WorkContext(request_id=request_id or new_request_id(), extra=extra)
    _current.set(context)
    return context


def request_id_from_scope(scope: dict[str, Any]) -> str | None:
    """The acceptable `X-Request-ID` of an ASGI handshake, if the proxy sent one."""
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            return request_id_clean(value.decode("latin-1"))
    return None
