"""`GET /api/scores/recommended?instrument=&limit=`: recommended catalogue pieces, explained."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers as s
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.inputs import ParamsSerializer, validated
from progress.selectors.recommendations import INSTRUMENTS, LEVEL_REASONS, scores_recommended

MAX_LIMIT = 50


class RecommendedQuerySerializer(ParamsSerializer):
    instrument = s.ChoiceField(choices=INSTRUMENTS, required=False)
    limit = s.IntegerField(
        min_value=1, max_value=MAX_LIMIT, default=10, help_text=f"1 to {MAX_LIMIT} (default 10)."
    )


class RecommendedScoreSerializer(s.Serializer):
    """The catalogue fields a recommendation names its piece by (`SCORE_FIELDS`, with the
    style period it was judged on)."""

    id = s.CharField()
    title = s.CharField()
    composer = s.CharField()
    instrument = s.CharField()
    difficulty = s.CharField()
    difficulty_level = s.IntegerField(allow_null=True)
    style_period = s.CharField(allow_blank=True)


class RecommendationSerializer(s.Serializer):
    score = RecommendedScoreSerializer()
    reason = s.CharField(help_text="Why this piece, in a sentence.")
    matched = s.ListField(child=s.ChoiceField(choices=["level", "composer", "period"]))
    points = s.IntegerField()


class RecommendationsSerializer(s.Serializer):
    instrument = s.CharField(allow_null=True, help_text="piano or guitar; null: any.")
    target_level = s.IntegerField(min_value=1, max_value=10)
    basis = s.ChoiceField(choices=list(LEVEL_REASONS))
    items = RecommendationSerializer(many=True)


class RecommendedView(APIView):
    @extend_schema(
        operation_id="scores_recommended",
        parameters=[RecommendedQuerySerializer],
        responses=RecommendationsSerializer,
        tags=["scores"],
    )
    def get(self, request: Request) -> Response:
        query = validated(RecommendedQuerySerializer, request.query_params)
        return Response(
            scores_recommended(
                user=request.user, instrument=query.get("instrument"), limit=query["limit"]
            )
        )
