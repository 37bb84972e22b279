"""Instants as clients send them in their JSON: ISO 8601 text with an offset, or epoch
milliseconds. One reading for every app (sync's conflict rule, the logbook's rules)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

# Epoch milliseconds up to the year 9999 (a larger number is a unit mistake, not a time).
MAX_EPOCH_MS = 253402300799999


def epoch_ms(value: Any) -> float | None:
    """An ISO 8601 string with an offset, or epoch milliseconds, as epoch ms, from 1970 to the
    year 9999; None when it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if 0 <= value <= MAX_EPOCH_MS else None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
        if parsed.tzinfo is None:
            return None
        # The same range as epoch ms: an offset can push year 1 or 9999 out of what a
        # datetime holds in UTC, and readers of the entry (analytics) convert it to UTC.
        ms = parsed.timestamp() * 1000
        return ms if 0 <= ms <= MAX_EPOCH_MS else None
    return None
