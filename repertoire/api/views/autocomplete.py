from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.pagination import page_params
from repertoire.api.params import text_param
from repertoire.api.serializers.autocomplete import (
    ComposerResultsSerializer,
    PieceResultsSerializer,
)
from repertoire.selectors.autocomplete import MIN_QUERY, composers_matching, pieces_matching

TAGS = ["autocomplete"]
DEFAULT_LIMIT, MAX_LIMIT = 10, 50
Q_PARAM = OpenApiParameter(
    "q", str, description=f"What was typed; fewer than {MIN_QUERY} letters gives no results."
)
LIMIT_PARAM = OpenApiParameter(
    "limit", int, description=f"Default {DEFAULT_LIMIT}, at most {MAX_LIMIT}."
)


def _limit(request) -> int:
    limit, _ = page_params(request, default_limit=DEFAULT_LIMIT, max_limit=MAX_LIMIT)
    return limit


class ComposerAutocompleteView(APIView):
    @extend_schema(
        operation_id="autocomplete_composers",
        tags=TAGS,
        parameters=[Q_PARAM, LIMIT_PARAM],
        responses=ComposerResultsSerializer,
    )
    def get(self, request):
        results, total = composers_matching(
            user=request.user, q=text_param(request, "q"), limit=_limit(request)
        )
        return Response(ComposerResultsSerializer({"results": results, "total": total}).data)


class PieceAutocompleteView(APIView):
    @extend_schema(
        operation_id="autocomplete_pieces",
        tags=TAGS,
        responses=PieceResultsSerializer,
        parameters=[
            Q_PARAM,
            LIMIT_PARAM,
            OpenApiParameter("composer", str, description="Only this composer's pieces."),
        ],
    )
    def get(self, request):
        results, total = pieces_matching(
            user=request.user,
            q=text_param(request, "q"),
            composer=text_param(request, "composer"),
            limit=_limit(request),
        )
        return Response(PieceResultsSerializer({"results": results, "total": total}).data)
