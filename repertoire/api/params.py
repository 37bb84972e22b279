"""Query parameters of the repertoire and progress APIs: time zone, date range, grouping.

Query parameters are not camelCase-converted by the parsers, so they are read here by their wire
names (`tz`, `from`, `to`, `groupBy`, `weekStart`). Every bad value is a 400 naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from repertoire.analytics import GROUPS, WEEKDAYS, Window
from repertoire.timeparse import local_moment

DEFAULT_ZONE = "UTC"


@dataclass(frozen=True)
class PracticeQuery:
    zone: ZoneInfo
    window: Window


def parse_zone(raw: str | None, field: str = "tz") -> ZoneInfo:
    name = (raw or DEFAULT_ZONE).strip()
    try:
        # Path-like names ("../x", "/etc/passwd") are refused by zoneinfo with ValueError.
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValidationError({field: [f"Unknown time zone {name!r}; use an IANA name."]}) from None


def zone_param(request: Request) -> ZoneInfo:
    """The `tz` query parameter (default UTC); a name that is not an IANA zone is a 400."""
    return parse_zone(request.query_params.get("tz"))


def _bound(name: str, raw: str | None, zone: ZoneInfo, *, end: bool) -> datetime | None:
    """A date is a whole local day (`to` includes it); a date-time is an exact instant."""
    if not raw:
        return None
    try:
        # In UTC, like every entry's time: comparing two UTC datetimes needs no zone lookup.
        return local_moment(raw, zone, day_end=end).astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValidationError(
            {name: ["Use a date (YYYY-MM-DD) or an ISO 8601 date-time."]}
        ) from None


def practice_query(request: Request) -> PracticeQuery:
    params = request.query_params
    zone = zone_param(request)
    start = _bound("from", params.get("from"), zone, end=False)
    end = _bound("to", params.get("to"), zone, end=True)
    if start and end and start >= end:
        raise ValidationError({"to": ["Must be after `from`."]})
    return PracticeQuery(zone, Window(start, end))


def text_param(request: Request, name: str) -> str:
    """A free-text query parameter; the NUL character is refused (no database stores it)."""
    value = request.query_params.get(name, "")
    if "\x00" in value:
        raise ValidationError({name: ["May not contain the NUL character."]})
    return value


def choice(request: Request, name: str, choices: tuple[str, ...], default: str) -> str:
    value = request.query_params.get(name) or default
    if value != default and value not in choices:
        raise ValidationError({name: [f"Must be one of: {', '.join(choices)}."]})
    return value


def group_by(request: Request) -> str:
    return choice(request, "groupBy", GROUPS, "day")


def week_start(request: Request) -> int:
    return WEEKDAYS.index(choice(request, "weekStart", WEEKDAYS, "monday"))


TZ_PARAM = OpenApiParameter(
    "tz",
    str,
    description="IANA time zone for calendar days and streaks (default UTC), e.g. Europe/Paris.",
)
RANGE_PARAMS = [
    OpenApiParameter(
        "from", str, description="First day (YYYY-MM-DD, inclusive) or an ISO 8601 instant."
    ),
    OpenApiParameter(
        "to",
        str,
        description="Last day (YYYY-MM-DD, inclusive) or an ISO 8601 instant (exclusive).",
    ),
]
GROUP_PARAMS = [
    OpenApiParameter("groupBy", str, enum=list(GROUPS), description="Period size (default day)."),
    OpenApiParameter(
        "weekStart", str, enum=list(WEEKDAYS), description="First day of a week (default monday)."
    ),
]
