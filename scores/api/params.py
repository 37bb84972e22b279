"""Query parameters of the catalogue (camelCase names, as clients send them)."""

from __future__ import annotations

from rest_framework import serializers

from scores.catalogue import ORDERINGS, CatalogueQuery
from scores.models import Score

ORDERING_CHOICES = [*ORDERINGS, *(f"-{name}" for name in ORDERINGS)]


class CommaList(serializers.CharField):
    """`tags=a,b` (or repeated `tags=`) as a list of non-empty strings. The text is validated
    as a string first (length, NUL characters) and only then split: a list would slip past
    the string validators."""

    def run_validation(self, data=serializers.empty):
        text = super().run_validation(data)
        return [part.strip() for part in (text or "").split(",") if part.strip()]


class CatalogueParams(serializers.Serializer):
    instrument = serializers.ChoiceField(choices=Score.Instrument.choices, required=False)
    difficulty = serializers.ChoiceField(choices=Score.Difficulty.choices, required=False)
    minLevel = serializers.IntegerField(min_value=1, max_value=10, required=False)
    maxLevel = serializers.IntegerField(min_value=1, max_value=10, required=False)
    stylePeriod = serializers.ChoiceField(choices=Score.StylePeriod.choices, required=False)
    composer = serializers.CharField(max_length=200, required=False, allow_blank=True)
    tags = CommaList(
        max_length=500, required=False, allow_blank=True, help_text="Comma-separated; any of them."
    )
    maxDuration = serializers.IntegerField(
        min_value=0, max_value=10**7, required=False, help_text="Seconds."
    )
    gradeLevel = serializers.CharField(max_length=50, required=False, allow_blank=True)
    q = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Text over title, composer, opus, tags.",
    )
    ordering = serializers.ChoiceField(choices=ORDERING_CHOICES, required=False)
    mine = serializers.BooleanField(required=False, help_text="Only the caller's own uploads.")

    def validate(self, attrs):
        low, high = attrs.get("minLevel"), attrs.get("maxLevel")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"minLevel": ["Must not exceed maxLevel."]})
        return attrs


def catalogue_query(query_params) -> CatalogueQuery:
    """Validated filters from a request's query string (400 naming the bad parameter)."""
    data = {key: query_params.get(key) for key in query_params if key in CatalogueParams().fields}
    if "tags" in query_params:
        data["tags"] = ",".join(query_params.getlist("tags"))
    params = CatalogueParams(data=data)
    params.is_valid(raise_exception=True)
    values = params.validated_data
    return CatalogueQuery(
        instrument=values.get("instrument", ""),
        difficulty=values.get("difficulty", ""),
        min_level=values.get("minLevel"),
        max_level=values.get("maxLevel"),
        style_period=values.get("stylePeriod", ""),
        composer=values.get("composer", ""),
        tags=tuple(values.get("tags", ())),
        max_duration=values.get("maxDuration"),
        grade_level=values.get("gradeLevel", ""),
        q=values.get("q", ""),
        ordering=values.get("ordering", ""),
        mine=values.get("mine", False),
    )
