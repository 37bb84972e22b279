from __future__ import annotations

from zoneinfo import ZoneInfo

from rest_framework import serializers

from mirubato.api.camel import to_camel
from mirubato.api.fields import TimeZoneField
from repertoire.timeparse import PLAN_YEARS, plan_moment

MAX_ITEMS = 50


def _date_or_datetime(value: str) -> str:
    try:
        plan_moment(value, ZoneInfo("UTC"))
    except ValueError:
        raise serializers.ValidationError(
            "Use a date (YYYY-MM-DD) or an ISO 8601 date-time, in the years "
            f"{PLAN_YEARS[0]} to {PLAN_YEARS[1]}."
        ) from None
    return value


class ScheduleCustomizationSerializer(serializers.Serializer):
    start_date = serializers.CharField(
        max_length=40, required=False, validators=[_date_or_datetime]
    )
    end_date = serializers.CharField(max_length=40, required=False, validators=[_date_or_datetime])
    time_of_day = serializers.RegexField(
        r"^([01]\d|2[0-3]):[0-5]\d$", required=False, help_text="HH:MM, 24-hour."
    )
    duration_minutes = serializers.IntegerField(min_value=1, max_value=1440, required=False)

    def to_internal_value(self, data):
        # Stored in the plan as the client writes it: camelCase keys.
        return {to_camel(k): v for k, v in super().to_internal_value(data).items()}


def _tags() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=100), max_length=MAX_ITEMS, required=False
    )


class CustomizationSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    focus_areas = _tags()
    tags = _tags()
    schedule = ScheduleCustomizationSerializer(required=False)


class AdoptInputSerializer(serializers.Serializer):
    template_id = serializers.CharField(max_length=255)
    customization = CustomizationSerializer(required=False)
    time_zone = TimeZoneField(
        help_text="IANA zone for `timeOfDay` and date-only start dates (default UTC)."
    )


class AdoptOutputSerializer(serializers.Serializer):
    plan = serializers.DictField(help_text="The new practice_plan entity, as clients store it.")
    occurrences = serializers.ListField(
        child=serializers.DictField(), help_text="Its first plan_occurrence entity."
    )
