"""`/api/practice/templates`: the caller's practice templates (`plan_template` entities)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.inputs import validated
from mirubato.api.pagination import PageParams, page_body, page_of
from mirubato.api.parsers import VerbatimJSONParser
from mirubato.api.preconditions import IF_MATCH, versioned_response
from mirubato.api.schema import ErrorSerializer
from mirubato.api.throttling import ScopedWritesMixin
from repertoire.api.serializers.practice_common import DEVICE, WriteHeaders
from repertoire.api.serializers.practice_templates import (
    TemplateInputSerializer,
    TemplateOutputSerializer,
    TemplatePatchSerializer,
)
from repertoire.selectors.templates import practice_template_get, practice_template_page
from repertoire.services.practice_templates import (
    practice_template_create,
    practice_template_delete,
    practice_template_update,
)

TAGS = ["practice"]


def _response(view: dict, status_code: int = 200) -> Response:
    body = TemplateOutputSerializer(view).data
    return versioned_response(body, version=view["version"], status=status_code)


class _TemplateView(ScopedWritesMixin, APIView):
    write_throttle_scope = "practice"
    parser_classes = [VerbatimJSONParser]
    json_opaque_fields = ("data",)


class TemplateListView(_TemplateView):
    @extend_schema(
        operation_id="practice_templates_list",
        tags=TAGS,
        parameters=[PageParams],
        responses=page_of(TemplateOutputSerializer, "PracticeTemplate"),
    )
    def get(self, request):
        params = validated(PageParams, request.query_params)
        limit, offset = params["limit"], params["offset"]
        items, total = practice_template_page(user=request.user, limit=limit, offset=offset)
        return Response(page_body(items, total=total, limit=limit, offset=offset))

    @extend_schema(
        operation_id="practice_templates_create",
        tags=TAGS,
        request=TemplateInputSerializer,
        parameters=[DEVICE],
        responses={201: TemplateOutputSerializer, 409: ErrorSerializer},
    )
    def post(self, request):
        headers = validated(WriteHeaders, request.headers)
        body = validated(TemplateInputSerializer, request.data)
        view = practice_template_create(
            user=request.user, body=body, device_id=headers["device_id"]
        )
        return _response(view, status.HTTP_201_CREATED)


class TemplateItemView(_TemplateView):
    @extend_schema(
        operation_id="practice_templates_get", tags=TAGS, responses=TemplateOutputSerializer
    )
    def get(self, request, template_id: str):
        return _response(practice_template_get(user=request.user, template_id=template_id))

    @extend_schema(
        operation_id="practice_templates_update",
        tags=TAGS,
        request=TemplatePatchSerializer,
        parameters=[IF_MATCH, DEVICE],
        responses={200: TemplateOutputSerializer, 412: ErrorSerializer},
    )
    def patch(self, request, template_id: str):
        headers = validated(WriteHeaders, request.headers)
        body = validated(TemplatePatchSerializer, request.data)
        view = practice_template_update(
            user=request.user, template_id=template_id, body=body, **headers
        )
        return _response(view)

    @extend_schema(
        operation_id="practice_templates_delete",
        tags=TAGS,
        parameters=[IF_MATCH, DEVICE],
        responses={204: None, 412: ErrorSerializer},
    )
    def delete(self, request, template_id: str):
        headers = validated(WriteHeaders, request.headers)
        practice_template_delete(user=request.user, template_id=template_id, **headers)
        return Response(status=status.HTTP_204_NO_CONTENT)
