from __future__ import annotations

import math

from rest_framework import serializers

from mirubato.ids import new_id
from repertoire.models import SCORE_ID_LENGTH, Goal

MAX_ITEMS = 50
MAX_TEXT = 200
MAX_VALUE = 1_000_000_000


def _short_list(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=MAX_TEXT), max_length=MAX_ITEMS, **kwargs
    )


class PracticePlanSerializer(serializers.Serializer):
    daily_minutes = serializers.IntegerField(min_value=0, max_value=1440, required=False)
    focus_areas = _short_list(required=False)
    techniques = _short_list(required=False)


class MilestoneSerializer(serializers.Serializer):
    id = serializers.CharField(max_length=64, required=False)
    title = serializers.CharField(max_length=MAX_TEXT)
    target_date = serializers.DateField(required=False, allow_null=True)
    completed = serializers.BooleanField(default=False)
    completed_at = serializers.DateTimeField(required=False, allow_null=True)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        value.setdefault("id", new_id())  # milestones are addressed by id in later edits
        return value


class _GoalFields(serializers.Serializer):
    """The fields a goal's create and update share (all optional here)."""

    title = serializers.CharField(max_length=MAX_TEXT, required=False)
    description = serializers.CharField(
        max_length=5000, allow_blank=True, required=False, trim_whitespace=False
    )
    target_value = serializers.IntegerField(
        min_value=0,
        max_value=MAX_VALUE,
        allow_null=True,
        required=False,
        help_text="Minutes for practice_time goals. 0 is kept as 0 (not treated as no target).",
    )
    target_date = serializers.DateField(allow_null=True, required=False)
    measures = _short_list(allow_null=True, required=False)
    practice_plan = PracticePlanSerializer(allow_null=True, required=False)
    milestones = serializers.ListField(
        child=MilestoneSerializer(), allow_null=True, required=False, max_length=MAX_ITEMS
    )

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        # Stored as plain JSON: dates and times as ISO strings.
        for key in ("practice_plan", "milestones"):
            if value.get(key) is not None:
                value[key] = self.fields[key].to_representation(value[key])
        return value


class GoalCreateInputSerializer(_GoalFields):
    title = serializers.CharField(max_length=MAX_TEXT)
    type = serializers.ChoiceField(choices=Goal.Type.choices)
    score_id = serializers.CharField(max_length=SCORE_ID_LENGTH, required=False, allow_blank=True)


class GoalUpdateInputSerializer(_GoalFields):
    status = serializers.ChoiceField(choices=Goal.Status.choices, required=False)
    type = serializers.ChoiceField(
        choices=Goal.Type.choices,
        required=False,
        help_text="Cannot be changed: sending it is a 400.",
    )
    score_id = serializers.CharField(required=False, help_text="Cannot be changed: a 400.")


def _finite(value: float) -> float:
    if not math.isfinite(value) or abs(value) > MAX_VALUE:
        raise serializers.ValidationError(f"Must be a finite number within ±{MAX_VALUE}.")
    return value


class GoalProgressInputSerializer(serializers.Serializer):
    value = serializers.FloatField(validators=[_finite])
    notes = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    session_id = serializers.CharField(
        max_length=255,
        allow_blank=True,
        required=False,
        help_text="The logbook entry this progress came from (a soft reference).",
    )


class GoalOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    type = serializers.ChoiceField(choices=Goal.Type.choices)
    target_value = serializers.IntegerField(allow_null=True)
    current_value = serializers.FloatField(
        help_text="Recorded progress, plus logged minutes for practice_time goals."
    )
    recorded_value = serializers.FloatField(help_text="Sum of the recorded progress.")
    target_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=Goal.Status.choices)
    score_id = serializers.CharField(allow_null=True)
    measures = serializers.ListField(child=serializers.CharField(), allow_null=True)
    practice_plan = PracticePlanSerializer(allow_null=True)
    milestones = serializers.ListField(child=MilestoneSerializer(), allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    related_sessions = serializers.IntegerField(help_text="Live logbook entries linking the goal.")
    total_practice_time = serializers.FloatField(help_text="Their minutes.")


class ProgressOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    value = serializers.FloatField()
    notes = serializers.CharField(allow_blank=True)
    session_id = serializers.CharField(allow_null=True)
    recorded_at = serializers.DateTimeField()


class GoalSessionSerializer(serializers.Serializer):
    entry_id = serializers.CharField()
    timestamp = serializers.DateTimeField()
    duration = serializers.FloatField()
    notes = serializers.CharField(allow_blank=True)


class GoalDetailOutputSerializer(GoalOutputSerializer):
    recent_sessions = GoalSessionSerializer(many=True)
    progress = ProgressOutputSerializer(many=True)


class GoalProgressOutputSerializer(serializers.Serializer):
    goal = GoalOutputSerializer()
    progress = ProgressOutputSerializer()
    completed = serializers.BooleanField(help_text="True when this step completed the goal.")
