"""Favourites: `GET|PUT|DELETE /api/scores/{id}/favorite`, `GET /api/user/favorites`,
`POST /api/user/favorites/check`."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as s
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.inputs import validated
from mirubato.api.pagination import page_body, page_of, page_params
from mirubato.api.schema import ErrorSerializer
from scores.api.serializers import ScoreSummarySerializer
from scores.selectors.favorites import MAX_CHECK, favorite_get, favorites_check, favorites_page
from scores.services.favorites import favorite_add, favorite_remove

TAGS = ["favorites"]


class FavoriteStateSerializer(s.Serializer):
    score_id = s.CharField()
    favorited = s.BooleanField()
    favorited_at = s.DateTimeField(allow_null=True)


class FavoriteItemSerializer(s.Serializer):
    score_id = s.CharField(source="score.id")
    favorited_at = s.DateTimeField(source="created_at")
    score = ScoreSummarySerializer()


FavoritePageSerializer = page_of(FavoriteItemSerializer, "Favorite")


class FavoriteCheckInputSerializer(s.Serializer):
    score_ids = s.ListField(
        child=s.CharField(max_length=255), max_length=MAX_CHECK, allow_empty=True
    )


class FavoriteCheckItemSerializer(s.Serializer):
    score_id = s.CharField()
    favorited = s.BooleanField()


class FavoriteCheckOutputSerializer(s.Serializer):
    items = FavoriteCheckItemSerializer(many=True)


class FavoriteView(APIView):
    @extend_schema(operation_id="score_favorite_get", responses=FavoriteStateSerializer, tags=TAGS)
    def get(self, request: Request, score_id: str) -> Response:
        return Response(favorite_get(user=request.user, score_id=score_id))

    @extend_schema(
        operation_id="score_favorite_put",
        request=None,
        responses={200: FavoriteStateSerializer, 409: ErrorSerializer},
        tags=TAGS,
    )
    def put(self, request: Request, score_id: str) -> Response:
        return Response(favorite_add(user=request.user, score_id=score_id))

    @extend_schema(
        operation_id="score_favorite_delete", request=None, responses={204: None}, tags=TAGS
    )
    def delete(self, request: Request, score_id: str) -> Response:
        favorite_remove(user=request.user, score_id=score_id)
        return Response(status=204)


class FavoriteListView(APIView):
    @extend_schema(
        operation_id="user_favorites",
        parameters=[
            OpenApiParameter("limit", int, description="Items per page (default 20, max 100)."),
            OpenApiParameter("offset", int, description="How many items to skip."),
        ],
        responses=FavoritePageSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        limit, offset = page_params(request)
        favorites, total = favorites_page(user=request.user, limit=limit, offset=offset)
        page = FavoriteItemSerializer(favorites, many=True).data
        return Response(page_body(page, total=total, limit=limit, offset=offset))


class FavoriteCheckView(APIView):
    @extend_schema(
        operation_id="user_favorites_check",
        request=FavoriteCheckInputSerializer,
        responses=FavoriteCheckOutputSerializer,
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        ids = validated(FavoriteCheckInputSerializer, request.data)["score_ids"]
        return Response({"items": favorites_check(user=request.user, score_ids=ids)})
