"""Query parameters of the catalogue, named as clients send them (camelCase) and mapped with
`source` to the filters of `scores.selectors.catalogue.CatalogueQuery`."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mirubato.api.inputs import ParamsSerializer
from scores.models import Score
from scores.selectors.catalogue import ORDERINGS, CatalogueQuery

ORDERING_CHOICES = [*ORDERINGS, *(f"-{name}" for name in ORDERINGS)]


class CommaList(serializers.CharField):
    """`tags=a,b` (or repeated `tags=`) as a list of non-empty strings. The text is validated
    as a string first (length, NUL characters) and only then split: a list would slip past
    the string validators."""

    def run_validation(self, data=serializers.empty):
        text = super().run_validation(data)
        return [part.strip() for part in (text or "").split(",") if part.strip()]


class CatalogueParams(ParamsSerializer):
    instrument = serializers.ChoiceField(choices=Score.Instrument.choices, required=False)
    difficulty = serializers.ChoiceField(choices=Score.Difficulty.choices, required=False)
    minLevel = serializers.IntegerField(
        source="min_level", min_value=1, max_value=10, required=False
    )
    maxLevel = serializers.IntegerField(
        source="max_level", min_value=1, max_value=10, required=False
    )
    stylePeriod = serializers.ChoiceField(
        source="style_period", choices=Score.StylePeriod.choices, required=False
    )
    composer = serializers.CharField(max_length=200, required=False, allow_blank=True)
    tags = CommaList(
        max_length=500, required=False, allow_blank=True, help_text="Comma-separated; any of them."
    )
    maxDuration = serializers.IntegerField(
        source="max_duration", min_value=0, max_value=10**7, required=False, help_text="Seconds."
    )
    gradeLevel = serializers.CharField(
        source="grade_level", max_length=50, required=False, allow_blank=True
    )
    q = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Text over title, composer, opus, tags.",
    )
    ordering = serializers.ChoiceField(choices=ORDERING_CHOICES, required=False)
    mine = serializers.BooleanField(required=False, help_text="Only the caller's own uploads.")

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        # Read a query string as one value per name (the last, as QueryDict.get does), with
        # repeated `tags` joined, so an empty value is checked like any other (a 400 where it
        # is not allowed) rather than skipped as an HTML form's blank field would be.
        if hasattr(data, "getlist"):
            plain = {key: data.get(key) for key in data}
            if "tags" in data:
                plain["tags"] = ",".join(data.getlist("tags"))
            data = plain
        return super().to_internal_value(data)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        low, high = attrs.get("min_level"), attrs.get("max_level")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"minLevel": ["Must not exceed maxLevel."]})
        return attrs


def catalogue_query(values: dict[str, Any]) -> CatalogueQuery:
    """The catalogue filters from `validated(CatalogueParams, request.query_params)`."""
    return CatalogueQuery(**{**values, "tags": tuple(values.get("tags", ()))})
