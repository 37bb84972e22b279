"""`/api/practice/sessions`: start, list and read practice sessions. Ending one answers the
session's summary, computed by the progress app (`PUT .../end` is its view)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.inputs import validated
from mirubato.api.pagination import page_body, page_of
from mirubato.api.preconditions import versioned_response
from mirubato.api.schema import ErrorSerializer
from mirubato.api.throttling import ScopedWritesMixin
from repertoire.api.params import SessionListParams
from repertoire.api.serializers.practice_common import DEVICE, WriteHeaders
from repertoire.api.serializers.practice_sessions import (
    PracticeSessionDetailOutputSerializer,
    PracticeSessionOutputSerializer,
    SessionStartInputSerializer,
)
from repertoire.selectors.practice_sessions import SessionFilters, session_detail, session_page
from repertoire.services.practice_sessions import session_start

TAGS = ["practice"]


class _SessionView(ScopedWritesMixin, APIView):
    write_throttle_scope = "practice"
    json_opaque_fields = ("data",)


class SessionStartView(_SessionView):
    @extend_schema(
        operation_id="practice_sessions_start",
        tags=TAGS,
        request=SessionStartInputSerializer,
        parameters=[DEVICE],
        responses={201: PracticeSessionOutputSerializer, 409: ErrorSerializer},
    )
    def post(self, request):
        headers = validated(WriteHeaders, request.headers)
        fields = validated(SessionStartInputSerializer, request.data)
        view = session_start(
            user=request.user,
            session_type=fields["session_type"],
            instrument=fields.get("instrument"),
            zone=fields["time_zone"],
            notes=fields["notes"],
            planned_exercises=fields["planned_exercises"],
            session_id=fields.get("id"),
            device_id=headers["device_id"],
        )
        body = PracticeSessionOutputSerializer(view).data
        return versioned_response(body, version=view["version"], status=status.HTTP_201_CREATED)


class SessionListView(_SessionView):
    @extend_schema(
        operation_id="practice_sessions_list",
        tags=TAGS,
        parameters=[SessionListParams],
        responses=page_of(PracticeSessionOutputSerializer, "PracticeSession"),
    )
    def get(self, request):
        params = validated(SessionListParams, request.query_params)
        filters = SessionFilters(
            start=params["start"],
            end=params["end"],
            session_type=params.get("session_type"),
            instrument=params.get("instrument") or None,
            status=params.get("status"),
        )
        limit, offset = params["limit"], params["offset"]
        items, total = session_page(user=request.user, filters=filters, limit=limit, offset=offset)
        return Response(page_body(items, total=total, limit=limit, offset=offset))


class SessionItemView(_SessionView):
    @extend_schema(
        operation_id="practice_sessions_get",
        tags=TAGS,
        responses=PracticeSessionDetailOutputSerializer,
    )
    def get(self, request, session_id: str):
        view = session_detail(user=request.user, session_id=session_id)
        body = PracticeSessionDetailOutputSerializer(view).data
        return versioned_response(body, version=view["version"])
