"""Output shapes of the progress endpoints, for the schema (views render plain dicts that the
camelCase renderer encodes; these classes describe exactly those dicts)."""

from __future__ import annotations

from rest_framework import serializers as s

from mirubato.api.pagination import page_of
from progress.api.serializers.practice import StreakFieldsSerializer
from repertoire.selectors import REPERTOIRE_STATUSES


class LevelSerializer(s.Serializer):
    level = s.IntegerField(min_value=1)
    xp = s.IntegerField(min_value=0, help_text="One point per whole minute practised.")
    level_xp = s.IntegerField(help_text="XP at which the current level was reached.")
    next_level_xp = s.IntegerField(help_text="XP at which the next level is reached.")
    level_progress = s.FloatField(help_text="Share of the way to the next level, 0 to 1.")


class TotalsSerializer(LevelSerializer):
    total_minutes = s.FloatField()
    entry_count = s.IntegerField()
    practice_days = s.IntegerField()
    average_session_minutes = s.FloatField()
    longest_session_minutes = s.FloatField()


class StreaksSerializer(TotalsSerializer, StreakFieldsSerializer):
    pass


class TrendSerializer(s.Serializer):
    count = s.IntegerField()
    average = s.FloatField(allow_null=True)
    best = s.FloatField(allow_null=True)
    latest = s.FloatField(allow_null=True)
    recent_average = s.FloatField(allow_null=True, help_text="Mean of the last 10 values.")
    previous_average = s.FloatField(allow_null=True, help_text="Mean of the 10 before them.")
    change = s.FloatField(allow_null=True)
    direction = s.ChoiceField(choices=["up", "down", "steady"], allow_null=True)


class WeeklyPointSerializer(s.Serializer):
    week_start = s.DateField()
    average = s.FloatField()
    count = s.IntegerField()


class TrendSeriesSerializer(TrendSerializer):
    weekly = WeeklyPointSerializer(many=True)


class _Row(s.Serializer):
    minutes = s.FloatField()
    entries = s.IntegerField()


class InstrumentRowSerializer(_Row, LevelSerializer):
    instrument = s.CharField()


class TypeRowSerializer(_Row, LevelSerializer):
    type = s.CharField()


class TechniqueRowSerializer(_Row, LevelSerializer):
    technique = s.CharField()


class MoodRowSerializer(_Row):
    mood = s.CharField()


class WeekdayRowSerializer(_Row):
    weekday = s.CharField()


class HourRowSerializer(_Row):
    hour = s.IntegerField(min_value=0, max_value=23)


class MonthRowSerializer(_Row):
    month = s.CharField()


class PieceRowSerializer(_Row):
    piece_id = s.CharField()
    title = s.CharField(allow_blank=True)
    composer = s.CharField(allow_blank=True)


class PieceRefSerializer(s.Serializer):
    id = s.CharField()
    title = s.CharField(allow_blank=True)
    composer = s.CharField(allow_blank=True)


class ActivitySerializer(s.Serializer):
    entry_id = s.CharField()
    practiced_at = s.DateTimeField()
    minutes = s.FloatField()
    type = s.CharField()
    instrument = s.CharField()
    pieces = PieceRefSerializer(many=True)


class RecentAchievementSerializer(s.Serializer):
    code = s.CharField()
    title = s.CharField()
    earned_at = s.DateTimeField()


class AchievementSummarySerializer(s.Serializer):
    earned = s.IntegerField()
    total = s.IntegerField()
    recent = RecentAchievementSerializer(many=True)


class _Header(s.Serializer):
    time_zone = s.CharField()
    today = s.DateField()


class OverviewSerializer(_Header, StreaksSerializer):
    instruments = InstrumentRowSerializer(many=True)
    accuracy = TrendSerializer()
    tempo = TrendSerializer()
    achievements = AchievementSummarySerializer()
    recent_activity = ActivitySerializer(many=True)


class InstrumentProgressSerializer(_Header, StreaksSerializer):
    instrument = s.CharField()
    types = TypeRowSerializer(many=True)
    techniques = TechniqueRowSerializer(many=True)
    accuracy = TrendSerializer()
    tempo = TrendSerializer()
    pieces = PieceRowSerializer(many=True)


class StatisticsSerializer(_Header, StreaksSerializer):
    by_instrument = InstrumentRowSerializer(many=True)
    by_type = TypeRowSerializer(many=True)
    by_technique = TechniqueRowSerializer(many=True)
    by_mood = MoodRowSerializer(many=True)
    by_weekday = WeekdayRowSerializer(many=True)
    by_hour = HourRowSerializer(many=True)
    by_month = MonthRowSerializer(many=True)
    unique_pieces = s.IntegerField()
    unique_composers = s.IntegerField()
    accuracy = TrendSeriesSerializer()
    tempo = TrendSeriesSerializer()


class AchievementSerializer(s.Serializer):
    code = s.CharField()
    title = s.CharField()
    description = s.CharField()
    target = s.IntegerField()
    unit = s.CharField()
    value = s.FloatField(help_text="Where the user stands (capped at the target).")
    progress = s.FloatField(help_text="value / target, 0 to 1.")
    earned = s.BooleanField()
    earned_at = s.DateTimeField(allow_null=True, help_text="When the earning practice happened.")
    entry_id = s.CharField(allow_null=True, help_text="The logbook entry that earned it.")


class AchievementListSerializer(_Header):
    earned = s.IntegerField()
    total = s.IntegerField()
    items = AchievementSerializer(many=True)


class PieceProgressSerializer(s.Serializer):
    score_id = s.CharField()
    title = s.CharField(allow_blank=True)
    composer = s.CharField(allow_blank=True)
    times_practiced = s.IntegerField()
    total_minutes = s.FloatField()
    first_practiced_at = s.DateTimeField(allow_null=True)
    last_practiced_at = s.DateTimeField(allow_null=True)
    best_accuracy = s.FloatField(allow_null=True)
    average_accuracy = s.FloatField(allow_null=True)
    best_tempo = s.FloatField(allow_null=True)
    repertoire_status = s.ChoiceField(choices=REPERTOIRE_STATUSES, allow_null=True)
    completed = s.BooleanField(help_text="Polished in the repertoire.")


PieceProgressPageSerializer = page_of(PieceProgressSerializer)
