"""`GET /api/scores/recommended?instrument=&limit=`: recommended catalogue pieces, explained."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as s
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from scores.api.serializers import ScoreSummarySerializer
from scores.recommendations import INSTRUMENTS, LEVEL_REASONS, scores_recommended

MAX_LIMIT = 50


class RecommendedQuerySerializer(s.Serializer):
    instrument = s.ChoiceField(choices=INSTRUMENTS, required=False)
    limit = s.IntegerField(min_value=1, max_value=MAX_LIMIT, default=10)


class RecommendationSerializer(s.Serializer):
    score = ScoreSummarySerializer()
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
        parameters=[
            OpenApiParameter("instrument", str, enum=list(INSTRUMENTS)),
            OpenApiParameter("limit", int, description=f"1 to {MAX_LIMIT} (default 10)."),
        ],
        responses=RecommendationsSerializer,
        tags=["scores"],
    )
    def get(self, request: Request) -> Response:
        query = RecommendedQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(
            scores_recommended(
                user=request.user,
                instrument=query.validated_data.get("instrument"),
                limit=query.validated_data["limit"],
            )
        )
