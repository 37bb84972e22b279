"""The wire protocol of `ws /ws/sync`: message types, close codes, typed errors, JSON coding.

Every frame is a JSON object with a `type`; keys are camelCase on the wire and snake_case here,
except the client-owned JSON under `data` (and conflict sides), which passes through untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

import orjson

from mirubato.api.camel import camelize, underscoreize
from mirubato.api.renderers import dumps

# Client-owned JSON inside changes and conflicts; the same names REST sync leaves untouched.
OPAQUE_FIELDS = frozenset({"data", "server_data", "client_data"})


class Close(IntEnum):
    """Application close codes (4000-4999), modelled on the HTTP status with the same meaning."""

    BAD_REQUEST = 4400  # token in the URL, or a message that cannot start a session
    UNAUTHORIZED = 4401  # missing, bad or expired token
    FORBIDDEN = 4403  # a re-AUTH with another user's token
    AUTH_TIMEOUT = 4408  # no AUTH within REALTIME_AUTH_TIMEOUT_SECONDS
    TOO_MANY_CONNECTIONS = 4409  # REALTIME_MAX_CONNECTIONS_PER_USER already open
    IDLE = 4410  # nothing received for REALTIME_IDLE_TIMEOUT_SECONDS
    TOO_LARGE = 4413  # a frame above REALTIME_MAX_MESSAGE_BYTES
    RATE_LIMITED = 4429  # more than REALTIME_MESSAGES_PER_MINUTE
    UNAVAILABLE = 4503  # Redis (connection count, channel layer) unreachable: retry later


@dataclass
class RealtimeError(Exception):
    """A refusal sent to the client as `ERROR {code, message, details}`; closes the socket
    with `close` when set, otherwise the session goes on."""

    code: str
    message: str
    close: Close | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


def now_iso() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def error_message(error: RealtimeError, request_id: str | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {
        "type": "ERROR",
        "code": error.code,
        "message": error.message,
        "details": error.details,
    }
    if error.close is not None:
        message["close_code"] = int(error.close)
    if request_id is not None:
        message["request_id"] = request_id
    return message


def encode(message: dict[str, Any]) -> str:
    """One outgoing frame: camelCase keys, client JSON untouched, orjson like the REST API."""
    return dumps(camelize(message, OPAQUE_FIELDS)).decode()


def decode(text: str) -> dict[str, Any]:
    """One incoming frame as a snake_case dict; a non-object is a typed `invalid_message`."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise RealtimeError("invalid_json", f"The message is not valid JSON: {exc}.") from exc
    if not isinstance(value, dict) or not isinstance(value.get("type"), str):
        raise RealtimeError("invalid_message", 'A message is a JSON object with a "type".')
    return underscoreize(value, OPAQUE_FIELDS)


def request_id_of(message: dict[str, Any]) -> str | None:
    """The client's optional `requestId`, echoed in every reply so it can match answers."""
    value = message.get("request_id")
    return value if isinstance(value, str) and len(value) <= 128 else None
