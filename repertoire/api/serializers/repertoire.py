from __future__ import annotations

from rest_framework import serializers

from repertoire.models import SCORE_ID_LENGTH, UserRepertoire

MAX_LINKS = 20
MAX_NOTES = 20_000


class RepertoireUpdateInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=UserRepertoire.Status.choices, required=False)
    difficulty_rating = serializers.IntegerField(
        min_value=1, max_value=5, allow_null=True, required=False
    )
    personal_notes = serializers.CharField(
        allow_blank=True, max_length=MAX_NOTES, required=False, trim_whitespace=False
    )
    reference_links = serializers.ListField(
        child=serializers.URLField(max_length=2000), max_length=MAX_LINKS, required=False
    )


class RepertoireCreateInputSerializer(RepertoireUpdateInputSerializer):
    score_id = serializers.CharField(max_length=SCORE_ID_LENGTH)


class StatusChangeOutputSerializer(serializers.Serializer):
    from_status = serializers.ChoiceField(choices=UserRepertoire.Status.choices, allow_null=True)
    to_status = serializers.ChoiceField(choices=UserRepertoire.Status.choices)
    changed_at = serializers.DateTimeField()


class PracticeStatsSerializer(serializers.Serializer):
    practice_count = serializers.IntegerField(help_text="Linked live logbook entries.")
    total_practice_time = serializers.FloatField(help_text="Minutes.")
    first_practiced = serializers.DateTimeField(allow_null=True)
    last_practiced = serializers.DateTimeField(allow_null=True)
    avg_session_duration = serializers.FloatField(help_text="Minutes per linked entry.")


class RepertoireItemOutputSerializer(PracticeStatsSerializer):
    id = serializers.CharField()
    score_id = serializers.CharField()
    status = serializers.ChoiceField(choices=UserRepertoire.Status.choices)
    difficulty_rating = serializers.IntegerField(allow_null=True)
    personal_notes = serializers.CharField(allow_blank=True)
    reference_links = serializers.ListField(child=serializers.CharField())
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    status_history = StatusChangeOutputSerializer(many=True)


class SessionOutputSerializer(serializers.Serializer):
    entry_id = serializers.CharField()
    timestamp = serializers.DateTimeField()
    duration = serializers.FloatField(help_text="Minutes.")
    notes = serializers.CharField(allow_blank=True)


class RepertoireStatsDetailSerializer(PracticeStatsSerializer):
    recent_sessions = SessionOutputSerializer(many=True)


class RepertoireStatsOutputSerializer(serializers.Serializer):
    repertoire = RepertoireItemOutputSerializer()
    stats = RepertoireStatsDetailSerializer()


class DissociateOutputSerializer(serializers.Serializer):
    preserved_logs = serializers.IntegerField(help_text="Logbook entries unlinked (kept).")
    piece_title = serializers.CharField(allow_blank=True)
    piece_composer = serializers.CharField(allow_blank=True)


class PieceNameSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    composer = serializers.CharField(
        max_length=200, required=False, allow_blank=True, allow_null=True
    )


class PieceRenameInputSerializer(serializers.Serializer):
    old_piece = PieceNameSerializer()
    new_piece = PieceNameSerializer()


class PieceRenameOutputSerializer(serializers.Serializer):
    updated_count = serializers.IntegerField(help_text="Logbook entries that changed.")
    repertoire_updated = serializers.BooleanField(
        help_text="Whether a repertoire item with the old free id moved to the new one."
    )
