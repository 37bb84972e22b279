from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.mixins import ListModelMixin
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.inputs import validated
from repertoire.api.params import AnnotationListParams
from repertoire.api.serializers.annotations import (
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


class AnnotationListView(ListModelMixin, GenericAPIView):
    json_opaque_fields = OPAQUE
    serializer_class = AnnotationOutputSerializer
    filter_backends: list = []

    def get_queryset(self):
        params = validated(AnnotationListParams, self.request.query_params)
        return annotation_list(
            user=self.request.user, score_id=params.get("score_id"), page=params.get("page")
        )

    @extend_schema(
        operation_id="annotations_list",
        tags=TAGS,
        parameters=[AnnotationListParams],
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
