"""Output shapes of the practice API's analytics, quick log, session end and user progress
(views render plain dicts; these describe exactly those dicts)."""

from __future__ import annotations

from rest_framework import serializers as s

from progress.api.serializers.practice import (
    PieceTotalSerializer,
    StreaksOutputSerializer,
    SummaryOutputSerializer,
)
from progress.api.serializers.progress import TrendSerializer
from repertoire.selectors import (
    ACTIVITY_TYPES,
    REPERTOIRE_STATUSES,
    PracticeLogOutputSerializer,
    PracticeSessionOutputSerializer,
)

ACTIVITY_KEYS = [*ACTIVITY_TYPES, "unknown"]


class ActivityRowSerializer(s.Serializer):
    activity_type = s.ChoiceField(ACTIVITY_KEYS, help_text="unknown: the log names none.")
    minutes = s.FloatField()
    entries = s.IntegerField()


class PracticeTimeSerializer(SummaryOutputSerializer):
    time_zone = s.CharField()
    group_by = s.ChoiceField(["day", "week", "month"])
    by_activity = ActivityRowSerializer(many=True)


# --- Repertoire -------------------------------------------------------------------------------


class PieceAnalysisSerializer(PieceTotalSerializer):
    first_practiced_at = s.DateTimeField()
    last_practiced_at = s.DateTimeField()
    average_rating = s.FloatField(allow_null=True)
    average_accuracy = s.FloatField(allow_null=True)
    best_tempo = s.FloatField(allow_null=True)
    target_tempo = s.FloatField(allow_null=True)
    repertoire_status = s.ChoiceField(REPERTOIRE_STATUSES, allow_null=True)


class ComposerRowSerializer(s.Serializer):
    composer = s.CharField(help_text="Canonical name, or unknown.")
    minutes = s.FloatField()
    entries = s.IntegerField()
    pieces = s.IntegerField()


class StatusCountSerializer(s.Serializer):
    repertoire_status = s.ChoiceField(REPERTOIRE_STATUSES)
    items = s.IntegerField()


class RepertoireAnalyticsSerializer(s.Serializer):
    time_zone = s.CharField()
    total_minutes = s.FloatField()
    logs = s.IntegerField()
    piece_count = s.IntegerField(help_text="Pieces practised in the range.")
    pieces = PieceAnalysisSerializer(many=True, help_text="Most minutes first; limit/offset.")
    limit = s.IntegerField()
    offset = s.IntegerField()
    by_composer = ComposerRowSerializer(many=True)
    by_status = StatusCountSerializer(many=True, help_text="Repertoire items by status.")


# --- Improvement ------------------------------------------------------------------------------


class PeriodAverageSerializer(s.Serializer):
    period = s.CharField()
    start = s.DateField()
    average = s.FloatField()
    count = s.IntegerField()


class MetricTrendSerializer(TrendSerializer):
    series = PeriodAverageSerializer(many=True, help_text="Mean per period, in time order.")


class TrendsSerializer(s.Serializer):
    tempo = MetricTrendSerializer(help_text="Beats per minute.")
    accuracy = MetricTrendSerializer(help_text="Percent.")
    self_rating = MetricTrendSerializer(help_text="1 to 10.")


class PieceImprovementSerializer(TrendsSerializer):
    piece_id = s.CharField()
    title = s.CharField(allow_blank=True)
    composer = s.CharField(allow_blank=True)
    logs = s.IntegerField()
    target_tempo = s.FloatField(allow_null=True, help_text="The latest target tempo logged.")
    tempo_of_target = s.FloatField(allow_null=True, help_text="Latest tempo, % of target.")


class ActivityImprovementSerializer(TrendsSerializer):
    activity_type = s.ChoiceField(ACTIVITY_KEYS)
    logs = s.IntegerField()


class ImprovementSerializer(s.Serializer):
    time_zone = s.CharField()
    group_by = s.ChoiceField(["day", "week", "month"])
    logs = s.IntegerField()
    overall = TrendsSerializer()
    by_piece = PieceImprovementSerializer(many=True)
    by_activity = ActivityImprovementSerializer(many=True)


# --- Quick log, session end, user progress ----------------------------------------------------


class QuickLogOutputSerializer(s.Serializer):
    log = PracticeLogOutputSerializer()
    streak = StreaksOutputSerializer(help_text="Your streak with this log counted.")


class SessionSummarySerializer(s.Serializer):
    minutes = s.FloatField(help_text="Minutes logged in the session.")
    logs = s.IntegerField()
    activities = ActivityRowSerializer(many=True)
    pieces = PieceTotalSerializer(many=True)
    average_rating = s.FloatField(allow_null=True)
    current_streak = s.IntegerField(help_text="Days, in the request's time zone.")


class SessionEndOutputSerializer(s.Serializer):
    session = PracticeSessionOutputSerializer()
    summary = SessionSummarySerializer()


class EarnedSerializer(s.Serializer):
    code = s.CharField()
    title = s.CharField()
    description = s.CharField()
    earned_at = s.DateTimeField()


class UserProgressSerializer(s.Serializer):
    """The design's ProgressResponse."""

    time_zone = s.CharField()
    current_level = s.IntegerField()
    experience_points = s.IntegerField(help_text="One per whole minute practised.")
    next_level_xp = s.IntegerField()
    level_progress = s.FloatField()
    consecutive_days = s.IntegerField(help_text="The current streak.")
    longest_streak = s.IntegerField()
    total_practice_time = s.FloatField(help_text="Minutes.")
    practice_days = s.IntegerField()
    achievements = EarnedSerializer(many=True, help_text="Earned ones, oldest first.")
    recent_activity = PracticeLogOutputSerializer(many=True, help_text="The latest 5 logs.")
