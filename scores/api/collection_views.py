"""Curated collections (public reads) and the caller's own collections."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.pagination import page_body, page_params
from scores import collection_selectors as selectors
from scores import collections as services
from scores.api.collection_serializers import (
    CollectionDetailOutputSerializer,
    CollectionListOutputSerializer,
    MemberAddInputSerializer,
    OrderInputSerializer,
    UserCollectionDetailOutputSerializer,
    UserCollectionInputSerializer,
    UserCollectionListOutputSerializer,
    UserCollectionRefSerializer,
    curated_row,
    user_collection_row,
)
from scores.api.errors import ErrorEnvelopeSerializer
from scores.api.serializers import score_rows
from scores.api.views import PAGE_PARAMS
from scores.selectors import score_get_visible
from scores.visibility import viewer_id

CURATED = ["collections"]
MINE = ["user collections"]
CONFLICT = {409: ErrorEnvelopeSerializer}


class FeaturedParam(serializers.Serializer):
    featured = serializers.BooleanField(required=False, allow_null=True, default=None)


class CollectionListView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="collections_list",
        tags=CURATED,
        parameters=[FeaturedParam, *PAGE_PARAMS],
        responses=CollectionListOutputSerializer,
    )
    def get(self, request: Request) -> Response:
        params = FeaturedParam(data=request.query_params)
        params.is_valid(raise_exception=True)
        limit, offset = page_params(request)
        collections = selectors.curated_list(featured=params.validated_data["featured"])
        items = [curated_row(c, user=request.user) for c in collections[offset : offset + limit]]
        return Response(page_body(items, total=collections.count(), limit=limit, offset=offset))


class CollectionDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="collections_detail", tags=CURATED, responses=CollectionDetailOutputSerializer
    )
    def get(self, request: Request, slug: str) -> Response:
        collection = selectors.curated_get(slug=slug)
        scores = selectors.curated_scores(collection=collection, user=request.user)
        body = curated_row(collection, user=request.user)
        body["scores"] = score_rows(scores, viewer=viewer_id(request.user))
        return Response(body)


def _user_detail(collection, request: Request) -> dict:
    body = user_collection_row(collection, user=request.user)
    scores = selectors.user_collection_scores(collection=collection, user=request.user)
    body["scores"] = score_rows(scores, viewer=viewer_id(request.user))
    return body


class UserCollectionListView(APIView):
    @extend_schema(
        operation_id="user_collections_list",
        tags=MINE,
        parameters=PAGE_PARAMS,
        responses=UserCollectionListOutputSerializer,
    )
    def get(self, request: Request) -> Response:
        services.collection_default_ensure(user_id=viewer_id(request.user))
        limit, offset = page_params(request)
        collections = selectors.user_collections_of(user_id=viewer_id(request.user))
        items = [
            user_collection_row(c, user=request.user) for c in collections[offset : offset + limit]
        ]
        return Response(page_body(items, total=collections.count(), limit=limit, offset=offset))

    @extend_schema(
        operation_id="user_collections_create",
        tags=MINE,
        request=UserCollectionInputSerializer,
        responses={201: UserCollectionDetailOutputSerializer, **CONFLICT},
    )
    def post(self, request: Request) -> Response:
        serializer = UserCollectionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if "name" not in serializer.validated_data:
            raise serializers.ValidationError({"name": ["This field is required."]})
        collection = services.collection_create(
            user=request.user, fields=dict(serializer.validated_data)
        )
        return Response(_user_detail(collection, request), status=201)


class UserCollectionDetailView(APIView):
    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else super().get_permissions()

    @extend_schema(
        operation_id="user_collections_detail",
        tags=MINE,
        responses=UserCollectionDetailOutputSerializer,
        description="The owner's collection, or anyone's public or unlisted one.",
    )
    def get(self, request: Request, collection_id: str) -> Response:
        collection = selectors.user_collection_readable(
            collection_id=collection_id, user=request.user
        )
        return Response(_user_detail(collection, request))

    @extend_schema(
        operation_id="user_collections_update",
        tags=MINE,
        request=UserCollectionInputSerializer,
        responses={200: UserCollectionDetailOutputSerializer, **CONFLICT},
    )
    def patch(self, request: Request, collection_id: str) -> Response:
        serializer = UserCollectionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        collection = services.collection_update(
            user=request.user, collection_id=collection_id, fields=dict(serializer.validated_data)
        )
        return Response(_user_detail(collection, request))

    @extend_schema(
        operation_id="user_collections_delete", tags=MINE, responses={204: None, **CONFLICT}
    )
    def delete(self, request: Request, collection_id: str) -> Response:
        services.collection_delete(user=request.user, collection_id=collection_id)
        return Response(status=204)


class UserCollectionScoresView(APIView):
    @extend_schema(
        operation_id="user_collections_add_score",
        tags=MINE,
        request=MemberAddInputSerializer,
        responses={200: UserCollectionDetailOutputSerializer, **CONFLICT},
    )
    def post(self, request: Request, collection_id: str) -> Response:
        serializer = MemberAddInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        collection = services.collection_score_add(
            user=request.user, collection_id=collection_id, **serializer.validated_data
        )
        return Response(_user_detail(collection, request))


class UserCollectionScoreView(APIView):
    @extend_schema(operation_id="user_collections_remove_score", tags=MINE, responses={204: None})
    def delete(self, request: Request, collection_id: str, score_id: str) -> Response:
        services.collection_score_remove(
            user=request.user, collection_id=collection_id, score_id=score_id
        )
        return Response(status=204)


class UserCollectionOrderView(APIView):
    @extend_schema(
        operation_id="user_collections_order",
        tags=MINE,
        request=OrderInputSerializer,
        responses=UserCollectionDetailOutputSerializer,
    )
    def put(self, request: Request, collection_id: str) -> Response:
        serializer = OrderInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        collection = services.collection_reorder(
            user=request.user,
            collection_id=collection_id,
            score_ids=serializer.validated_data["score_ids"],
        )
        return Response(_user_detail(collection, request))


class ScoreCollectionsView(APIView):
    @extend_schema(
        operation_id="scores_collections",
        tags=MINE,
        parameters=[OpenApiParameter("score_id", str, OpenApiParameter.PATH)],
        responses=UserCollectionRefSerializer(many=True),
        description="The caller's collections that contain this score.",
    )
    def get(self, request: Request, score_id: str) -> Response:
        score = score_get_visible(score_id=score_id, user=request.user)
        collections = selectors.collections_containing(score_id=score.id, user=request.user)
        return Response(UserCollectionRefSerializer(collections, many=True).data)
