from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.inputs import validated
from repertoire.api.params import PieceSuggestParams, SuggestParams
from repertoire.api.serializers.autocomplete import (
    ComposerResultsSerializer,
    PieceResultsSerializer,
)
from repertoire.selectors.autocomplete import composers_matching, pieces_matching

TAGS = ["autocomplete"]


class ComposerAutocompleteView(APIView):
    @extend_schema(
        operation_id="autocomplete_composers",
        tags=TAGS,
        parameters=[SuggestParams],
        responses=ComposerResultsSerializer,
    )
    def get(self, request):
        params = validated(SuggestParams, request.query_params)
        results, total = composers_matching(user=request.user, q=params["q"], limit=params["limit"])
        return Response(ComposerResultsSerializer({"results": results, "total": total}).data)


class PieceAutocompleteView(APIView):
    @extend_schema(
        operation_id="autocomplete_pieces",
        tags=TAGS,
        responses=PieceResultsSerializer,
        parameters=[PieceSuggestParams],
    )
    def get(self, request):
        params = validated(PieceSuggestParams, request.query_params)
        results, total = pieces_matching(
            user=request.user, q=params["q"], composer=params["composer"], limit=params["limit"]
        )
        return Response(PieceResultsSerializer({"results": results, "total": total}).data)
