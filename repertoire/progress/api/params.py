"""Query parameters of the progress endpoints (camelCase on the wire, checked here)."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

_ZONE_NAME = re.compile(r"^[A-Za-z0-9_+\-/]{1,64}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_INSTRUMENT_LENGTH = 100

TZ_PARAMETER = OpenApiParameter(
    "tz",
    OpenApiTypes.STR,
    description="IANA time zone for calendar days and streaks (default UTC), e.g. Europe/Paris.",
)
MONTH_PARAMETER = OpenApiParameter(
    "month",
    OpenApiTypes.STR,
    description="The month, YYYY-MM (default: the current month in `tz`).",
)


def zone_param(request: Request) -> ZoneInfo:
    """The `tz` query parameter as a time zone; a name that is not an IANA zone is a 400."""
    name = request.query_params.get("tz") or "UTC"
    if _ZONE_NAME.match(name):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    raise ValidationError({"tz": ["Must be an IANA time zone name, such as Europe/Paris."]})


def month_param(request: Request, *, today: date) -> date:
    """The first day of the `month` query parameter (YYYY-MM, years 1970 to 9999)."""
    raw = request.query_params.get("month")
    if not raw:
        return today.replace(day=1)
    match = _MONTH.match(raw)
    if match and int(match[1]) >= 1970 and 1 <= int(match[2]) <= 12:
        return date(int(match[1]), int(match[2]), 1)
    raise ValidationError({"month": ["Must be a month as YYYY-MM, from 1970-01."]})


def instrument_clean(raw: str) -> str:
    """Instruments are stored lowercased (sync validation); so are they matched."""
    instrument = raw.strip().lower()
    if not instrument or len(instrument) > MAX_INSTRUMENT_LENGTH:
        raise ValidationError({"instrument": [f"1 to {MAX_INSTRUMENT_LENGTH} characters."]})
    return instrument
