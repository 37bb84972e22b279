"""Query parameters only the progress endpoints take (camelCase on the wire, checked here).
The time zone is read by `repertoire.api.params`, like every other endpoint's."""

from __future__ import annotations

import re
from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MAX_INSTRUMENT_LENGTH = 100

MONTH_PARAMETER = OpenApiParameter(
    "month",
    OpenApiTypes.STR,
    description="The month, YYYY-MM (default: the current month in `tz`).",
)


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
