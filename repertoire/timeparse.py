"""Reading a client's date or date-time in a time zone (query ranges, plan schedules)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from mirubato.timestamps import local_moment

# Plans are scheduled within these years: far beyond any real plan, and far enough from
# datetime's own limits (years 1 and 9999) that adding a duration or moving to another zone
# can never overflow.
PLAN_YEARS = (1970, 9000)


def plan_moment(raw: str, zone: ZoneInfo) -> datetime:
    """`local_moment` for a plan's start: also a ValueError outside `PLAN_YEARS`."""
    moment = local_moment(raw, zone)
    if not PLAN_YEARS[0] <= moment.year <= PLAN_YEARS[1]:
        raise ValueError(f"Must be in the years {PLAN_YEARS[0]} to {PLAN_YEARS[1]}.")
    return moment


def at_time_of_day(moment: datetime, hh_mm: str, zone: ZoneInfo) -> datetime:
    """`moment` moved to `HH:MM` on its local day in `zone`. Raises ValueError if malformed."""
    hour, _, minute = hh_mm.partition(":")
    local = moment.astimezone(zone)
    return local.replace(hour=int(hour), minute=int(minute), second=0, microsecond=0)
