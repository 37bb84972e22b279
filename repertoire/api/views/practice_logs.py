"""`/api/practice/logs`: practice logs (logbook entries) over REST. Thin: check, call, render.
Bodies are the clients' own JSON (not camelCase-converted, unknown fields kept)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.inputs import validated
from mirubato.api.pagination import page_body, page_of
from mirubato.api.parsers import VerbatimJSONParser
from mirubato.api.preconditions import IF_MATCH, versioned_response
from mirubato.api.schema import ErrorSerializer
from mirubato.api.throttling import ScopedWritesMixin
from repertoire.api.params import LogListParams
from repertoire.api.serializers.practice_common import DEVICE, WriteHeaders
from repertoire.api.serializers.practice_logs import (
    LogInputSerializer,
    LogPatchSerializer,
    PracticeLogOutputSerializer,
)
from repertoire.selectors.practice_logs import LogFilters, log_get, log_page
from repertoire.services.practice_logs import log_create, log_delete, log_replace, log_update

TAGS = ["practice"]
FILTERS = ("type", "activity_type", "instrument", "piece", "session_id", "min_rating")


def log_response(view: dict, status_code: int = 200) -> Response:
    """A log with its version as the ETag (what `If-Match` names)."""
    body = PracticeLogOutputSerializer(view).data
    return versioned_response(body, version=view["version"], status=status_code)


class _LogView(ScopedWritesMixin, APIView):
    write_throttle_scope = "practice"
    parser_classes = [VerbatimJSONParser]
    json_opaque_fields = ("data",)


class LogListView(_LogView):
    @extend_schema(
        operation_id="practice_logs_list",
        tags=TAGS,
        parameters=[LogListParams],
        responses=page_of(PracticeLogOutputSerializer, "PracticeLog"),
    )
    def get(self, request):
        params = validated(LogListParams, request.query_params)
        filters = LogFilters(
            start=params["start"],
            end=params["end"],
            max_rating=params.get("max_rating"),
            **{name: params.get(name) or None for name in FILTERS},
        )
        limit, offset = params["limit"], params["offset"]
        items, total = log_page(
            user=request.user,
            filters=filters,
            ordering=params["ordering"],
            limit=limit,
            offset=offset,
        )
        return Response(page_body(items, total=total, limit=limit, offset=offset))

    @extend_schema(
        operation_id="practice_logs_create",
        tags=TAGS,
        request=LogInputSerializer,
        parameters=[DEVICE],
        responses={201: PracticeLogOutputSerializer, 409: ErrorSerializer},
    )
    def post(self, request):
        headers = validated(WriteHeaders, request.headers)
        body = validated(LogInputSerializer, request.data)
        view = log_create(user=request.user, body=body, device_id=headers["device_id"])
        return log_response(view, status.HTTP_201_CREATED)


class LogItemView(_LogView):
    @extend_schema(
        operation_id="practice_logs_get", tags=TAGS, responses=PracticeLogOutputSerializer
    )
    def get(self, request, log_id: str):
        return log_response(log_get(user=request.user, log_id=log_id))

    @extend_schema(
        operation_id="practice_logs_replace",
        tags=TAGS,
        request=LogInputSerializer,
        parameters=[IF_MATCH, DEVICE],
        responses={200: PracticeLogOutputSerializer, 412: ErrorSerializer},
        description="Replaces the whole log (fields left out are gone).",
    )
    def put(self, request, log_id: str):
        headers = validated(WriteHeaders, request.headers)
        body = validated(LogInputSerializer, request.data)
        return log_response(log_replace(user=request.user, log_id=log_id, body=body, **headers))

    @extend_schema(
        operation_id="practice_logs_update",
        tags=TAGS,
        request=LogPatchSerializer,
        parameters=[IF_MATCH, DEVICE],
        responses={200: PracticeLogOutputSerializer, 412: ErrorSerializer},
        description="Replaces the fields sent; every other field stays.",
    )
    def patch(self, request, log_id: str):
        headers = validated(WriteHeaders, request.headers)
        body = validated(LogPatchSerializer, request.data)
        return log_response(log_update(user=request.user, log_id=log_id, body=body, **headers))

    @extend_schema(
        operation_id="practice_logs_delete",
        tags=TAGS,
        parameters=[IF_MATCH, DEVICE],
        responses={204: None, 412: ErrorSerializer},
    )
    def delete(self, request, log_id: str):
        headers = validated(WriteHeaders, request.headers)
        log_delete(user=request.user, log_id=log_id, **headers)
        return Response(status=status.HTTP_204_NO_CONTENT)
