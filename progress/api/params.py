"""Query parameters of the practice and progress endpoints, by their wire names; each view
checks them with `mirubato.api.inputs.validated`, so every bad value is a 400 naming it."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rest_framework import serializers

from mirubato.api.fields import Choice, LocalRangeParams, Text, ZoneParams
from mirubato.api.pagination import PageParams
from progress.analytics import GROUPS, WEEKDAYS
from repertoire.selectors import ACTIVITY_TYPES
from scores.selectors import normalize_score_id

EXPORT_FORMATS = ("csv", "json")
ANALYTICS_EXPORT_FORMATS = ("csv", "json", "pdf")
MAX_INSTRUMENT_LENGTH = 100
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class SummaryParams(LocalRangeParams):
    groupBy = serializers.ChoiceField(
        GROUPS, source="group_by", default="day", help_text="Period size (default day)."
    )
    weekStart = serializers.ChoiceField(
        WEEKDAYS, source="week_start", default="monday", help_text="First day of a week."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        return {**attrs, "week_start": WEEKDAYS.index(attrs["week_start"])}


class ExportParams(LocalRangeParams):
    format = serializers.ChoiceField(EXPORT_FORMATS, default="csv", help_text="Default csv.")


class MonthParams(ZoneParams):
    month = Text(
        required=False,
        allow_blank=True,
        help_text="The month, YYYY-MM (default: the current month in `tz`).",
    )

    def validate_month(self, raw: str) -> date | None:
        """The first day of the month (YYYY-MM, years 1970 to 9999); absent is None."""
        if not raw:
            return None
        match = _MONTH.match(raw)
        if match and int(match[1]) >= 1970 and 1 <= int(match[2]) <= 12:
            return date(int(match[1]), int(match[2]), 1)
        raise serializers.ValidationError("Must be a month as YYYY-MM, from 1970-01.")


class InstrumentPath(serializers.Serializer):
    """The `{instrument}` path segment; instruments are stored lowercased, so matched so."""

    instrument = Text(max_length=MAX_INSTRUMENT_LENGTH)

    def validate_instrument(self, raw: str) -> str:
        instrument = raw.strip().lower()
        if not instrument:
            raise serializers.ValidationError(f"1 to {MAX_INSTRUMENT_LENGTH} characters.")
        return instrument


class PracticeTimeParams(SummaryParams):
    instrument = Text(
        required=False, allow_blank=True, max_length=MAX_INSTRUMENT_LENGTH, help_text="Only this."
    )
    activityType = Choice(
        ACTIVITY_TYPES, source="activity_type", required=False, help_text="Only this activity."
    )

    def validate_instrument(self, raw: str) -> str:
        return raw.strip().lower()


class ImprovementParams(PracticeTimeParams):
    groupBy = serializers.ChoiceField(
        GROUPS, source="group_by", default="week", help_text="Series period (default week)."
    )
    piece = Text(
        required=False,
        allow_blank=True,
        max_length=255,
        help_text="Only this piece: a catalogue id, or title-composer (normalised).",
    )

    def validate_piece(self, raw: str) -> str:
        return normalize_score_id(raw) if raw.strip() else ""


class RepertoireAnalyticsParams(LocalRangeParams, PageParams):
    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return PageParams.validate(self, LocalRangeParams.validate(self, attrs))


class AnalyticsExportParams(LocalRangeParams):
    format = serializers.ChoiceField(
        ANALYTICS_EXPORT_FORMATS, default="csv", help_text="csv (default), json or pdf."
    )
