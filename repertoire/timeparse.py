"""Reading a client's date or date-time in a time zone (query ranges, plan schedules)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


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


def at_time_of_day(moment: datetime, hh_mm: str, zone: ZoneInfo) -> datetime:
    """`moment` moved to `HH:MM` on its local day in `zone`. Raises ValueError if malformed."""
    hour, _, minute = hh_mm.partition(":")
    local = moment.astimezone(zone)
    return local.replace(hour=int(hour), minute=int(minute), second=0, microsecond=0)
