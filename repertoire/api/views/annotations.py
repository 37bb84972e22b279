from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin
from rest_framework.response import Response
from rest_framework.views import APIView

from repertoire.api.common import validated
from repertoire.api.params import text_param
from repertoire.api.serializers.annotations import (
    MAX_PAGE,
    AnnotationCreateInputSerializer,
    AnnotationOutputSerializer,
    AnnotationUpdateInputSerializer,
)
from repertoire.selectors.annotations import annotation_get, annotation_list
from repertoire.services.annotations import (
    annotation_create,
    annotation_delete,
    annotation_update,
)

TAGS = ["annotations"]
OPAQUE = ("annotation_data",)


def _page_filter(raw: str | None) -> int | None:
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PAGE:
        raise ValidationError({"page": [f"Must be a page number from 1 to {MAX_PAGE}."]})
    return int(raw)


class AnnotationListView(ListModelMixin, GenericAPIView):
    json_opaque_fields = OPAQUE
    serializer_class = AnnotationOutputSerializer
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        return annotation_list(
            user=self.request.user,
            score_id=text_param(self.request, "scoreId"),
            page=_page_filter(params.get("page")),
        )

    @extend_schema(
        operation_id="annotations_list",
        tags=TAGS,
        parameters=[
            OpenApiParameter("scoreId", str, description="Only this score (normalised)."),
            OpenApiParameter("page", int, description="Only this page number (1 or more)."),
        ],
    )
    def get(self, request):
        return self.list(request)

    @extend_schema(
        operation_id="annotations_create",
        tags=TAGS,
        request=AnnotationCreateInputSerializer,
        responses={201: AnnotationOutputSerializer},
    )
    def post(self, request):
        fields = validated(AnnotationCreateInputSerializer, request.data)
        annotation = annotation_create(user=request.user, **fields)
        data = AnnotationOutputSerializer(annotation).data
        return Response(data, status=status.HTTP_201_CREATED)


class AnnotationItemView(APIView):
    json_opaque_fields = OPAQUE

    @extend_schema(operation_id="annotations_get", tags=TAGS, responses=AnnotationOutputSerializer)
    def get(self, request, annotation_id: str):
        annotation = annotation_get(user=request.user, annotation_id=annotation_id)
        return Response(AnnotationOutputSerializer(annotation).data)

    @extend_schema(
        operation_id="annotations_update",
        tags=TAGS,
        request=AnnotationUpdateInputSerializer,
        responses=AnnotationOutputSerializer,
    )
    def patch(self, request, annotation_id: str):
        changes = validated(AnnotationUpdateInputSerializer, request.data)
        annotation = annotation_update(user=request.user, annotation_id=annotation_id, **changes)
        return Response(AnnotationOutputSerializer(annotation).data)

    @extend_schema(operation_id="annotations_delete", tags=TAGS, responses={204: None})
    def delete(self, request, annotation_id: str):
        annotation_delete(user=request.user, annotation_id=annotation_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
