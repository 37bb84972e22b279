"""Pieces the practice API's serializers share: bodies that keep the client's unknown fields,
JSON numbers kept as sent, times as the logbook takes them, and the write headers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers

from mirubato.api.fields import Choice, Text
from mirubato.api.preconditions import IfMatchParams
from mirubato.timestamps import epoch_ms
from repertoire.logbook import MAX_LABEL_LENGTH, MAX_LABELS, MAX_REF_LENGTH
from sync.services import device_id_clean

_PRINTABLE_ID_MAX = 255


class KeepsUnknownSerializer(serializers.Serializer):
    """A body that is a synced entity's client JSON, parsed without key conversion
    (`VerbatimJSONParser`): fields are named as on the wire and stored under those names;
    keys the serializer does not know are kept exactly as sent."""

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        known = super().to_internal_value(data)
        if not isinstance(data, dict):
            return known
        unknown = {k: v for k, v in data.items() if k not in self.fields}
        return {**unknown, **known}


class AnyCaseChoice(Choice):
    """A choice matched case-insensitively and kept lowercased, as the entities' cleaners
    take their enums (`Scales` is `scales`)."""

    def to_internal_value(self, data: Any) -> Any:
        return super().to_internal_value(data.lower() if isinstance(data, str) else data)


@extend_schema_field(OpenApiTypes.NUMBER)
class JsonNumber(serializers.Field):
    """A JSON number (not a string, not a boolean) from `low` to `high`, kept as sent (an
    integer stays an integer)."""

    def __init__(self, *, low: float, high: float, **kwargs: Any) -> None:
        self.low, self.high = low, high
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> int | float:
        ok = isinstance(data, int | float) and not isinstance(data, bool)
        if not ok or not self.low <= data <= self.high:
            raise serializers.ValidationError(f"A number from {self.low:g} to {self.high:g}.")
        return data

    def to_representation(self, value: Any) -> Any:
        return value


@extend_schema_field(
    {
        "oneOf": [{"type": "string", "format": "date-time"}, {"type": "integer", "minimum": 0}],
        "description": "ISO 8601 with an offset, or epoch milliseconds.",
    }
)
class MomentField(serializers.Field):
    """A time as a logbook entry stores it, kept as sent."""

    def to_internal_value(self, data: Any) -> str | int | float:
        if epoch_ms(data) is None:
            raise serializers.ValidationError(
                "An ISO 8601 time with an offset, or epoch milliseconds (1970 to 9999)."
            )
        return data

    def to_representation(self, value: Any) -> Any:
        return value


def labels(**kwargs: Any) -> serializers.ListField:
    """Focus areas, techniques, tags: a list of short texts."""
    kwargs.setdefault("required", False)
    return serializers.ListField(
        child=Text(max_length=MAX_LABEL_LENGTH), max_length=MAX_LABELS, **kwargs
    )


def reference(**kwargs: Any) -> Text:
    """The id of another entity (a session, a template)."""
    return Text(max_length=MAX_REF_LENGTH, required=False, allow_null=True, **kwargs)


class EntityId(Text):
    """A client-chosen entity id: 1 to 255 printable characters, like a pushed one's (without
    "/" where the id is followed by more path in a URL)."""

    def __init__(self, *, allow_slash: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        self.allow_slash = allow_slash
        super().__init__(max_length=_PRINTABLE_ID_MAX, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if not value or not value.isprintable() or (not self.allow_slash and "/" in value):
            where = "" if self.allow_slash else ', without "/"'
            raise serializers.ValidationError(f"1 to 255 printable characters{where}.")
        return value


class WriteHeaders(IfMatchParams):
    """`If-Match` (the version an edit is based on) and `X-Device-ID`, from the headers."""

    def get_fields(self) -> dict[str, serializers.Field]:
        return super().get_fields() | {"X-Device-ID": Text(required=False, allow_blank=True)}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        return {
            "if_match": attrs["if_match"],
            "device_id": device_id_clean(attrs.get("X-Device-ID")),
        }


DEVICE = OpenApiParameter(
    "X-Device-ID", OpenApiTypes.STR, OpenApiParameter.HEADER, description="The client device."
)
