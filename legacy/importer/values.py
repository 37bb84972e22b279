"""Reading the original's column values: JSON stored as text, timestamps in three shapes
(Unix seconds, epoch milliseconds, SQLite `YYYY-MM-DD HH:MM:SS` or ISO text), and ids derived
from the original ones where ours cannot keep them. Pure functions, no database."""

from __future__ import annotations

import base64
import hashlib
import json
import math
from datetime import UTC, date, datetime
from typing import Any

# Below this a number is Unix seconds (year 5138), above it epoch milliseconds.
SECONDS_UNTIL = 10**11
MAX_REASON = 300


class RowError(Exception):
    """One row that cannot be imported; the message says why."""


def text(value: Any) -> str:
    """A text column: NULL is ""."""
    return "" if value is None else str(value)


def json_of(value: Any, kind: type, column: str, *, default: Any = None) -> Any:
    """A JSON column parsed: NULL or "" is `default`; anything else must parse to `kind`."""
    if value is None or value == "":
        return default
    if isinstance(value, kind) and not isinstance(value, str):
        return value
    try:
        parsed = json.loads(value)
    except (TypeError, ValueError):
        raise RowError(f"{column}: not valid JSON") from None
    if not isinstance(parsed, kind):
        raise RowError(f"{column}: must be a JSON {'object' if kind is dict else 'array'}")
    return parsed


def count(value: Any, column: str) -> int:
    """A counter or position column: NULL is 0; anything but a whole number is RowError."""
    if value is None or value == "":
        return 0
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise RowError(f"{column}: must be a whole number") from None
    if isinstance(value, float) and number != value:
        raise RowError(f"{column}: must be a whole number")
    return number


def moment(value: Any) -> datetime | None:
    """A timestamp column as an aware UTC datetime, or None if it holds none."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, int | float):
        if not math.isfinite(value) or value < 0:
            return None
        seconds = value if value < SECONDS_UNTIL else value / 1000
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    try:
        parsed = datetime.fromisoformat(str(value).strip().replace(" ", "T", 1))
    except ValueError:
        return None
    # SQLite's CURRENT_TIMESTAMP is UTC without an offset.
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def iso(value: datetime) -> str:
    """An instant as clients write it: ISO 8601 in UTC with milliseconds and `Z`."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def day(value: Any) -> str | None:
    """A date column (the original kept whatever the client sent): its `YYYY-MM-DD` part."""
    raw = text(value).strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10]).isoformat()
    except ValueError:
        return raw  # left for the API's date check to refuse, naming the value


def derived_id(*parts: str, length: int = 26) -> str:
    """A stable id for a row whose original id ours cannot keep: the same parts give the same
    id on every run (so a second import finds the row again), in base32 letters and digits."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return base64.b32encode(digest).decode().rstrip("=")[:length]


def derived_score_id(original_id: str) -> str:
    """Our catalogue form (`score_` + lowercase) for a score id that does not have it."""
    return f"score_{derived_id('score', original_id, length=20).lower()}"


def reason_of(errors: Any) -> str:
    """A serializer's errors (or a service's details) as one short line: `field: message`."""
    if isinstance(errors, dict):
        parts = [f"{name}: {reason_of(value)}" for name, value in errors.items()]
        return "; ".join(parts)[:MAX_REASON]
    if isinstance(errors, list):
        return " ".join(reason_of(e) for e in errors)[:MAX_REASON]
    return str(errors)[:MAX_REASON]
