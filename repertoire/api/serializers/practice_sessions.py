"""Practice sessions over REST (the design's PracticeSessionRequest and session rows)."""

from __future__ import annotations

from rest_framework import serializers

from mirubato.api.fields import Text, TimeZoneField
from repertoire.api.serializers.practice_common import EntityId
from repertoire.api.serializers.practice_logs import PracticeLogOutputSerializer
from repertoire.sessions import (
    ENDED_BY,
    MAX_EXERCISES,
    MAX_INSTRUMENT_LENGTH,
    MAX_NOTES_LENGTH,
    SESSION_TYPES,
)


class SessionStartInputSerializer(serializers.Serializer):
    session_type = serializers.ChoiceField(SESSION_TYPES)
    instrument = Text(
        max_length=MAX_INSTRUMENT_LENGTH,
        required=False,
        allow_blank=True,
        help_text="piano, guitar... (default: your profile's primary instrument).",
    )
    notes = Text(max_length=MAX_NOTES_LENGTH, required=False, allow_blank=True, default="")
    planned_exercises = serializers.IntegerField(
        min_value=0,
        max_value=MAX_EXERCISES,
        default=0,
        help_text="Exercises a guided session plans (its totalExercises, at least).",
    )
    id = EntityId(allow_slash=False, help_text="Your id for the session (generated when absent).")
    time_zone = TimeZoneField(help_text="IANA zone of the session's date (default UTC).")

    def validate_instrument(self, value: str) -> str:
        return value.strip().lower()


class PracticeSessionOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    version = serializers.IntegerField(help_text="Also the ETag.")
    session_type = serializers.ChoiceField(SESSION_TYPES, allow_null=True)
    instrument = serializers.CharField(allow_null=True)
    session_date = serializers.DateField(allow_null=True, help_text="Local day it started.")
    time_zone = serializers.CharField(allow_null=True)
    start_time = serializers.DateTimeField(allow_null=True)
    end_time = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(["active", "ended"])
    ended_by = serializers.ChoiceField(ENDED_BY, allow_null=True, help_text="user or idle.")
    duration_seconds = serializers.IntegerField(allow_null=True)
    total_exercises = serializers.IntegerField()
    completed_exercises = serializers.IntegerField()
    accuracy_percentage = serializers.FloatField(allow_null=True)
    notes = serializers.CharField(allow_blank=True)
    synced_at = serializers.DateTimeField()
    data = serializers.DictField(help_text="The session entity exactly as stored and synced.")


class PracticeSessionDetailOutputSerializer(PracticeSessionOutputSerializer):
    logs = PracticeLogOutputSerializer(many=True, help_text="Its logs, in practice-time order.")
