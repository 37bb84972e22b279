from __future__ import annotations

from rest_framework import serializers


class _Bucket(serializers.Serializer):
    minutes = serializers.FloatField()
    entries = serializers.IntegerField()


class PeriodSerializer(_Bucket):
    period = serializers.CharField(help_text="YYYY-MM-DD (day, week start) or YYYY-MM (month).")
    start = serializers.DateField(help_text="First local day of the period.")


class InstrumentSerializer(_Bucket):
    instrument = serializers.CharField()


class TypeSerializer(_Bucket):
    type = serializers.CharField()


class MoodSerializer(_Bucket):
    mood = serializers.CharField()


class PieceTotalSerializer(_Bucket):
    piece_id = serializers.CharField(help_text="Normalised score id of the piece.")
    title = serializers.CharField(allow_blank=True)
    composer = serializers.CharField(allow_blank=True)


class SummaryOutputSerializer(serializers.Serializer):
    total_minutes = serializers.FloatField()
    entry_count = serializers.IntegerField()
    practice_days = serializers.IntegerField()
    average_session_minutes = serializers.FloatField()
    by_period = PeriodSerializer(many=True)
    by_instrument = InstrumentSerializer(many=True)
    by_type = TypeSerializer(many=True)
    by_piece = PieceTotalSerializer(
        many=True, help_text="An entry's minutes are split equally among its pieces."
    )
    by_mood = MoodSerializer(many=True)


class StreakFieldsSerializer(serializers.Serializer):
    """The fields of `analytics.Streaks.as_dict`, shared by the practice and progress APIs."""

    current_streak = serializers.IntegerField(help_text="Days, ending today or yesterday.")
    current_streak_start = serializers.DateField(allow_null=True)
    longest_streak = serializers.IntegerField()
    longest_streak_start = serializers.DateField(allow_null=True)
    longest_streak_end = serializers.DateField(allow_null=True)
    last_practice_date = serializers.DateField(allow_null=True)
    practiced_today = serializers.BooleanField()


class StreaksOutputSerializer(StreakFieldsSerializer):
    today = serializers.DateField(help_text="Today in the requested time zone.")
    total_practice_days = serializers.IntegerField()
