"""Practice templates over REST: `plan_template` entities in the clients' own shape (camelCase,
not converted; unknown fields kept), with the design's template fields."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mirubato.api.fields import Choice, Text
from repertoire.api.serializers.practice_common import (
    AnyCaseChoice,
    EntityId,
    JsonNumber,
    KeepsUnknownSerializer,
    labels,
)
from repertoire.logbook import ACTIVITY_TYPES, MAX_SECTION_LENGTH, MAX_TEMPO
from repertoire.practice_shapes import PLAN_TYPES, VISIBILITIES

MAX_REFS = 20


class PieceRefSerializer(KeepsUnknownSerializer):
    scoreId = Text(max_length=255, required=False, allow_null=True)
    title = Text(max_length=500, required=False, allow_null=True)
    composer = Text(max_length=500, required=False, allow_null=True, allow_blank=True)
    section = Text(max_length=MAX_SECTION_LENGTH, required=False, allow_null=True, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not (attrs.get("title") or attrs.get("scoreId")):
            raise serializers.ValidationError({"title": ["A piece needs a title or scoreId."]})
        return attrs


class TemplateInputSerializer(KeepsUnknownSerializer):
    id = EntityId(help_text="Your id for the template (generated when absent).")
    title = Text(min_length=1, max_length=200, help_text="The template's name.")
    description = Text(max_length=2000, required=False, allow_blank=True)
    activityType = AnyCaseChoice(ACTIVITY_TYPES, required=False, allow_null=True)
    instrument = Text(max_length=100, required=False, allow_null=True, allow_blank=True)
    pieceRefs = serializers.ListField(
        child=PieceRefSerializer(), max_length=MAX_REFS, required=False
    )
    tempo = JsonNumber(low=1, high=MAX_TEMPO, required=False, allow_null=True)
    durationMinutes = serializers.IntegerField(
        min_value=1,
        max_value=1440,
        required=False,
        help_text="Stored as schedule.durationMinutes.",
    )
    focusAreas = labels()
    techniques = labels()
    tags = labels()
    type = Choice(PLAN_TYPES, required=False)
    visibility = Choice(
        VISIBILITIES, required=False, help_text="private (default) or public: others may use it."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for server_field in ("authorId", "adoptionCount", "deletedAt"):
            if server_field in attrs:
                raise serializers.ValidationError({server_field: ["Set by the server."]})
        if isinstance(attrs.get("instrument"), str):
            attrs["instrument"] = attrs["instrument"].strip().lower()
        return attrs


class TemplatePatchSerializer(TemplateInputSerializer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)


class PieceRefOutputSerializer(serializers.Serializer):
    score_id = serializers.CharField(allow_null=True)
    title = serializers.CharField(allow_null=True)
    composer = serializers.CharField(allow_null=True)
    section = serializers.CharField(allow_null=True)


class TemplateOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    version = serializers.IntegerField(help_text="Also the ETag.")
    title = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)
    activity_type = serializers.ChoiceField(ACTIVITY_TYPES, allow_null=True)
    instrument = serializers.CharField(allow_null=True)
    piece_refs = PieceRefOutputSerializer(many=True)
    tempo = serializers.FloatField(allow_null=True)
    duration_minutes = serializers.IntegerField(allow_null=True)
    focus_areas = serializers.ListField(child=serializers.CharField())
    techniques = serializers.ListField(child=serializers.CharField())
    tags = serializers.ListField(child=serializers.CharField())
    type = serializers.ChoiceField(PLAN_TYPES)
    visibility = serializers.ChoiceField(VISIBILITIES)
    adoption_count = serializers.IntegerField()
    synced_at = serializers.DateTimeField()
    data = serializers.DictField(help_text="The plan_template entity exactly as stored.")
