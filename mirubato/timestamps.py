"""Instants as clients send them: ISO 8601 text with an offset or epoch milliseconds in their
JSON, a day or a date-time in their time zone in query ranges. One reading for every app."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

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


def local_moment(raw: str, zone: ZoneInfo, *, day_end: bool = False) -> datetime:
    """`YYYY-MM-DD` is local midnight in `zone` (with `day_end`, the next midnight, so a whole
    day is included); an ISO 8601 date-time is that instant, in `zone` if it has no offset.
    Raises ValueError for anything else."""
    try:
        if len(raw) == 10:
            day = date.fromisoformat(raw) + timedelta(days=1 if day_end else 0)
            return datetime.combine(day, time(), tzinfo=zone)
        moment = datetime.fromisoformat(raw)
    except OverflowError as exc:
        raise ValueError(str(exc)) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)
