from __future__ import annotations

from rest_framework import serializers

from repertoire.models import SCORE_ID_LENGTH, ScoreAnnotation

MAX_PAGE = 100_000


def _json_object(value):
    if not isinstance(value, dict):
        raise serializers.ValidationError("Must be a JSON object.")
    return value


class AnnotationUpdateInputSerializer(serializers.Serializer):
    page_number = serializers.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)
    annotation_type = serializers.ChoiceField(choices=ScoreAnnotation.Type.choices, required=False)
    annotation_data = serializers.JSONField(
        required=False,
        validators=[_json_object],
        help_text="The client's drawing as a JSON object, stored and returned as sent "
        "(size-limited; a larger one is a 413 giving the limit).",
    )


class AnnotationCreateInputSerializer(AnnotationUpdateInputSerializer):
    score_id = serializers.CharField(max_length=SCORE_ID_LENGTH)
    page_number = serializers.IntegerField(min_value=1, max_value=MAX_PAGE)
    annotation_type = serializers.ChoiceField(choices=ScoreAnnotation.Type.choices)
    annotation_data = serializers.JSONField(validators=[_json_object])


class AnnotationOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    score_id = serializers.CharField()
    page_number = serializers.IntegerField(min_value=1)
    annotation_type = serializers.ChoiceField(choices=ScoreAnnotation.Type.choices)
    annotation_data = serializers.DictField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
