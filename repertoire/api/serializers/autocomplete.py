from __future__ import annotations

from rest_framework import serializers


class ComposerResultSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="The canonical composer name.")
    label = serializers.CharField()


class ComposerResultsSerializer(serializers.Serializer):
    results = ComposerResultSerializer(many=True)
    total = serializers.IntegerField(help_text="Matches before the limit.")


class PieceMetadataSerializer(serializers.Serializer):
    composer = serializers.CharField(allow_blank=True)
    score_id = serializers.CharField(allow_blank=True, help_text="Catalogue or free score id.")
    source = serializers.ChoiceField(choices=["catalogue", "logbook"])
    grade_level = serializers.CharField(allow_blank=True)
    instrument = serializers.CharField(allow_blank=True)


class PieceResultSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="The piece's title.")
    label = serializers.CharField()
    metadata = PieceMetadataSerializer()


class PieceResultsSerializer(serializers.Serializer):
    results = PieceResultSerializer(many=True)
    total = serializers.IntegerField(help_text="Matches before the limit.")
