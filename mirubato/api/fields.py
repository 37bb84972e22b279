"""Serializer fields for what many endpoints take: free text no database chokes on, a time
zone, a day or an instant in that zone, a comma-separated list. Used by the input serializers
that `mirubato.api.inputs.validated` runs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mirubato.api.inputs import ParamsSerializer
from mirubato.timestamps import local_moment

DEFAULT_ZONE = "UTC"


class Text(serializers.CharField):
    """Text that may be stored or searched: the NUL character, which PostgreSQL refuses, is a
    400 here rather than a database error later."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if "\x00" in value:
            raise serializers.ValidationError("May not contain the NUL character.")
        return value


class Choice(serializers.ChoiceField):
    """A choice a client may leave out or send empty: either is the default (or absent)."""

    def run_validation(self, data: Any = serializers.empty) -> Any:
        return super().run_validation(serializers.empty if data == "" else data)


@extend_schema_field(OpenApiTypes.STR)
class TimeZoneField(serializers.Field):
    """An IANA time zone name (default UTC) as a ZoneInfo."""

    default_error_messages = {"unknown": "Unknown time zone {name!r}; use an IANA name."}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> ZoneInfo:
        name = (str(data) if data is not None else "").strip() or DEFAULT_ZONE
        try:
            # Path-like names ("../x", "/etc/passwd") are refused by zoneinfo with ValueError.
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            self.fail("unknown", name=name)

    def run_validation(self, data: Any = serializers.empty) -> ZoneInfo:
        # Absent or empty is UTC, converted like any name (a plain `default` would skip that).
        if data is serializers.empty or data in ("", None):
            data = DEFAULT_ZONE
        return super().run_validation(data)

    def to_representation(self, value: ZoneInfo) -> str:
        return value.key


class ZoneParams(ParamsSerializer):
    tz = TimeZoneField(
        help_text="IANA time zone for calendar days and streaks (default UTC), e.g. Europe/Paris."
    )


class LocalRangeParams(ZoneParams):
    """`tz`, and `from`/`to` as UTC instants `start`/`end`: a date is a whole local day in `tz`
    (`to` includes it), a date-time an exact instant. Absent bounds are None."""

    default_error_messages = {"moment": "Use a date (YYYY-MM-DD) or an ISO 8601 date-time."}
    # `from` is a keyword, so the two bounds are declared in `get_fields`.

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = Text(
            required=False,
            allow_blank=True,
            help_text="First day (YYYY-MM-DD, inclusive) or an ISO 8601 instant.",
        )
        fields["to"] = Text(
            required=False,
            allow_blank=True,
            help_text="Last day (YYYY-MM-DD, inclusive) or an ISO 8601 instant (exclusive).",
        )
        return fields

    def _bound(self, name: str, raw: str | None, zone: ZoneInfo, *, end: bool) -> datetime | None:
        if not raw:
            return None
        try:
            # In UTC, like every entry's time: comparing UTC datetimes needs no zone lookup.
            return local_moment(raw, zone, day_end=end).astimezone(UTC)
        except (ValueError, OverflowError):
            raise serializers.ValidationError({name: [self.error_messages["moment"]]}) from None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        zone = attrs["tz"]
        start = self._bound("from", attrs.pop("from", None), zone, end=False)
        end = self._bound("to", attrs.pop("to", None), zone, end=True)
        if start and end and start >= end:
            raise serializers.ValidationError({"to": ["Must be after `from`."]})
        return {**attrs, "start": start, "end": end}


@extend_schema_field(OpenApiTypes.STR)
class CommaList(serializers.Field):
    """`a,b,c` (a query parameter) or a JSON list, as a sorted list of distinct non-empty
    strings; absent or empty is None."""

    def __init__(
        self, *, choices: tuple[str, ...] | None = None, allow_empty: bool = True, **kwargs: Any
    ) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        self.choices = choices
        self.allow_empty = allow_empty
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> list[str] | None:
        if isinstance(data, list):
            data = ",".join(map(str, data))
        parts = sorted({part.strip() for part in str(data).split(",") if part.strip()})
        wrong = self.choices is not None and any(part not in self.choices for part in parts)
        if wrong or (not parts and not self.allow_empty):
            raise serializers.ValidationError(
                f"Each must be one of: {', '.join(self.choices or ())}."
            )
        return parts or None

    def to_representation(self, value: list[str]) -> str:
        return ",".join(value)
