"""Curated collections (public reads) and the caller's own collections."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.conditional import ConditionalGetMixin
from mirubato.api.inputs import ParamsSerializer, validated
from mirubato.api.pagination import page_body, page_params
from scores.api.collection_serializers import (
    CollectionDetailOutputSerializer,
    CollectionListOutputSerializer,
    MemberAddInputSerializer,
    OrderInputSerializer,
    UserCollectionDetailOutputSerializer,
    UserCollectionInputSerializer,
    UserCollectionListOutputSerializer,
    UserCollectionRefSerializer,
)
from scores.api.errors import ErrorEnvelopeSerializer
from scores.api.views import PAGE_PARAMS
from scores.models import UserCollection
from scores.selectors import collections as selectors
from scores.services import collections as services
from scores.visibility import viewer_id

CURATED = ["collections"]
MINE = ["user collections"]
CONFLICT = {409: ErrorEnvelopeSerializer}


class FeaturedParam(ParamsSerializer):
    featured = serializers.BooleanField(required=False, allow_null=True, default=None)


class CollectionListView(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="collections_list",
        tags=CURATED,
        parameters=[FeaturedParam, *PAGE_PARAMS],
        responses=CollectionListOutputSerializer,
    )
    def get(self, request: Request) -> Response:
        featured = validated(FeaturedParam, request.query_params)["featured"]
        limit, offset = page_params(request)
        items, total = selectors.curated_page(
            featured=featured, user=request.user, limit=limit, offset=offset
        )
        return Response(page_body(items, total=total, limit=limit, offset=offset))


class CollectionDetailView(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="collections_detail", tags=CURATED, responses=CollectionDetailOutputSerializer
    )
    def get(self, request: Request, slug: str) -> Response:
        return Response(selectors.curated_detail(slug=slug, user=request.user))


def _user_detail(collection: UserCollection, request: Request) -> dict[str, Any]:
    return selectors.user_collection_detail(collection=collection, user=request.user)


class UserCollectionListView(ConditionalGetMixin, APIView):
    @extend_schema(
        operation_id="user_collections_list",
        tags=MINE,
        parameters=PAGE_PARAMS,
        responses=UserCollectionListOutputSerializer,
    )
    def get(self, request: Request) -> Response:
        services.collection_default_ensure(user_id=viewer_id(request.user))
        limit, offset = page_params(request)
        items, total = selectors.user_collections_page(
            user=request.user, limit=limit, offset=offset
        )
        return Response(page_body(items, total=total, limit=limit, offset=offset))

    @extend_schema(
        operation_id="user_collections_create",
        tags=MINE,
        request=UserCollectionInputSerializer,
        responses={201: UserCollectionDetailOutputSerializer, **CONFLICT},
    )
    def post(self, request: Request) -> Response:
        fields = dict(validated(UserCollectionInputSerializer, request.data, creating=True))
        collection = services.collection_create(user=request.user, fields=fields)
        return Response(_user_detail(collection, request), status=201)


class UserCollectionDetailView(ConditionalGetMixin, APIView):
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
        fields = dict(validated(UserCollectionInputSerializer, request.data))
        collection = services.collection_update(
            user=request.user, collection_id=collection_id, fields=fields
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
        member = validated(MemberAddInputSerializer, request.data)
        collection = services.collection_score_add(
            user=request.user, collection_id=collection_id, **member
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
        score_ids = validated(OrderInputSerializer, request.data)["score_ids"]
        collection = services.collection_reorder(
            user=request.user, collection_id=collection_id, score_ids=score_ids
        )
        return Response(_user_detail(collection, request))


class ScoreCollectionsView(ConditionalGetMixin, APIView):
    @extend_schema(
        operation_id="scores_collections",
        tags=MINE,
        parameters=[OpenApiParameter("score_id", str, OpenApiParameter.PATH)],
        responses=UserCollectionRefSerializer(many=True),
        description="The caller's collections that contain this score.",
    )
    def get(self, request: Request, score_id: str) -> Response:
        collections = selectors.collections_containing(score_id=score_id, user=request.user)
        return Response(UserCollectionRefSerializer(collections, many=True).data)
