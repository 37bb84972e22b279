"""Practice logs over REST. A body is a logbook entry in the clients' own shape (camelCase,
not converted), plus the system design's assessment fields at the top level (`accuracy`,
`notesPlayed`, `notesCorrect`, `focusAreas`, stored in `metadata`); unknown fields are kept.
The stored entry is then held to the logbook's rule (`logbook_entry_clean`)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mirubato.api.fields import Text
from repertoire.api.serializers.practice_common import (
    AnyCaseChoice,
    EntityId,
    JsonNumber,
    KeepsUnknownSerializer,
    MomentField,
    labels,
    reference,
)
from repertoire.logbook import (
    ACTIVITY_TYPES,
    LOGBOOK_TYPES,
    MAX_ACCURACY,
    MAX_DURATION_MINUTES,
    MAX_NOTES,
    MAX_RATING,
    MAX_SECTION_LENGTH,
    MAX_TEMPO,
    MIN_RATING,
    MOODS,
)

MAX_PIECES = 50
MAX_NOTES_LENGTH = 20_000
MAX_INSTRUMENT_LENGTH = 100


class PieceInputSerializer(KeepsUnknownSerializer):
    id = Text(max_length=255, required=False, allow_null=True, help_text="A score id.")
    title = Text(max_length=500)
    composer = Text(max_length=500, required=False, allow_null=True, allow_blank=True)
    section = Text(
        max_length=MAX_SECTION_LENGTH,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text='Movement or section, e.g. "1st movement, bars 1-32".',
    )
    tempo = JsonNumber(low=1, high=MAX_TEMPO, required=False, allow_null=True)


def _nullable_number(low: float, high: float, help_text: str) -> JsonNumber:
    return JsonNumber(low=low, high=high, required=False, allow_null=True, help_text=help_text)


def _nullable_whole(low: int, high: int, help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=low, max_value=high, required=False, allow_null=True, help_text=help_text
    )


class LogInputSerializer(KeepsUnknownSerializer):
    """POST and PUT: `timestamp` and `duration` are required."""

    id = EntityId(help_text="Your id for the log (generated when absent).")
    timestamp = MomentField(help_text="When the practice started.")
    duration = JsonNumber(low=0, high=MAX_DURATION_MINUTES, help_text="Minutes, 0 to 1440.")
    type = AnyCaseChoice(LOGBOOK_TYPES, default="practice", help_text="Default practice.")
    activityType = AnyCaseChoice(ACTIVITY_TYPES, required=False, allow_null=True)
    instrument = Text(max_length=MAX_INSTRUMENT_LENGTH, required=False, allow_null=True)
    pieces = serializers.ListField(
        child=PieceInputSerializer(), max_length=MAX_PIECES, required=False
    )
    scoreId = Text(max_length=255, required=False, allow_null=True, help_text="A score id.")
    sessionId = reference(help_text="A practice session of yours.")
    templateId = reference(help_text="A template of yours, or a public one.")
    tempoPracticed = _nullable_number(1, MAX_TEMPO, "Beats per minute practised.")
    targetTempo = _nullable_number(1, MAX_TEMPO, "The performance tempo aimed at (bpm).")
    focusAreas = labels(help_text="Stored as metadata.focusAreas.")
    selfRating = _nullable_whole(MIN_RATING, MAX_RATING, "How it went, 1 to 10.")
    accuracy = _nullable_number(0, MAX_ACCURACY, "Percent; stored as metadata.accuracy.")
    notesPlayed = _nullable_whole(0, MAX_NOTES, "Stored as metadata.notesPlayed.")
    notesCorrect = _nullable_whole(0, MAX_NOTES, "Stored as metadata.notesCorrect.")
    notes = Text(max_length=MAX_NOTES_LENGTH, required=False, allow_null=True, allow_blank=True)
    mood = AnyCaseChoice(MOODS, required=False, allow_null=True)
    techniques = labels()
    tags = labels()
    goalIds = labels()
    metadata = serializers.DictField(required=False, help_text="Your own fields, kept.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "deletedAt" in attrs:
            raise serializers.ValidationError({"deletedAt": ["Delete a log with DELETE."]})
        played, correct = attrs.get("notesPlayed"), attrs.get("notesCorrect")
        if played is not None and correct is not None and correct > played:
            raise serializers.ValidationError({"notesCorrect": ["More than notesPlayed."]})
        return attrs


class LogPatchSerializer(LogInputSerializer):
    """PATCH: any of the fields; those sent replace the stored ones."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)


class PieceOutputSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The normalised score id.")
    title = serializers.CharField(allow_blank=True)
    composer = serializers.CharField(allow_blank=True)
    section = serializers.CharField(allow_null=True)
    tempo = serializers.FloatField(allow_null=True)


class PracticeLogOutputSerializer(serializers.Serializer):
    """A logbook entry as the practice API shows it (`data`: the entry exactly as stored)."""

    id = serializers.CharField()
    version = serializers.IntegerField(help_text="Also the ETag.")
    timestamp = serializers.DateTimeField(allow_null=True, help_text="Practice start, UTC.")
    end_time = serializers.DateTimeField(allow_null=True, help_text="timestamp + duration.")
    duration = serializers.FloatField(help_text="Minutes.")
    duration_seconds = serializers.IntegerField()
    type = serializers.CharField(allow_null=True)
    activity_type = serializers.ChoiceField(ACTIVITY_TYPES, allow_null=True)
    instrument = serializers.CharField(allow_null=True)
    session_id = serializers.CharField(allow_null=True)
    template_id = serializers.CharField(allow_null=True)
    score_id = serializers.CharField(allow_null=True)
    pieces = PieceOutputSerializer(many=True)
    tempo_practiced = serializers.FloatField(allow_null=True)
    target_tempo = serializers.FloatField(allow_null=True)
    focus_areas = serializers.ListField(child=serializers.CharField())
    self_rating = serializers.IntegerField(allow_null=True)
    accuracy = serializers.FloatField(
        allow_null=True, help_text="metadata.accuracy, else 100 * notesCorrect / notesPlayed."
    )
    notes_played = serializers.IntegerField(allow_null=True)
    notes_correct = serializers.IntegerField(allow_null=True)
    notes = serializers.CharField(allow_blank=True)
    mood = serializers.CharField(allow_null=True)
    techniques = serializers.ListField(child=serializers.CharField())
    goal_ids = serializers.ListField(child=serializers.CharField())
    synced_at = serializers.DateTimeField(help_text="When the server stored this version.")
    data = serializers.DictField(help_text="The logbook entry exactly as stored and synced.")
