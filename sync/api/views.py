from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.errors import ApiError
from mirubato.api.renderers import dumps
from mirubato.api.schema import ErrorSerializer
from sync.api import params
from sync.api.serializers import (
    PullOutputSerializer,
    PushInputSerializer,
    PushOutputSerializer,
    StatusOutputSerializer,
)
from sync.feed import canonical_json, checksum_of, cursor_decode
from sync.pull import feed_pull
from sync.selectors import sync_status
from sync.services import sync_push
from sync.validation import device_id_clean, idempotency_key_clean, push_changes

DEVICE_HEADER = OpenApiParameter(
    "X-Device-ID", OpenApiTypes.STR, OpenApiParameter.HEADER, description="The client device."
)
PUSH_HEADERS = [
    OpenApiParameter(
        "Idempotency-Key",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="A retry with the same key and body replays the first answer (24 hours).",
    ),
    OpenApiParameter(
        "X-Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER, description="Alias."
    ),
    DEVICE_HEADER,
]
PULL_PARAMETERS = [
    OpenApiParameter("since", OpenApiTypes.STR, description="A cursor; omit for the live state."),
    OpenApiParameter("limit", OpenApiTypes.INT, description="Changes per page (1-1000)."),
    OpenApiParameter("types", OpenApiTypes.STR, description="Comma-separated entity types."),
]


class PushView(APIView):
    throttle_scope = "sync"
    json_opaque_fields = ("data", "server_data", "client_data")

    @extend_schema(
        operation_id="sync_push",
        tags=["sync"],
        request=PushInputSerializer,
        parameters=PUSH_HEADERS,
        responses={200: PushOutputSerializer, 409: ErrorSerializer},
    )
    def post(self, request):
        params.check_body_size(request)
        body = request.data
        changes = push_changes(body)
        sent_cursor = body.get("cursor")
        if sent_cursor is not None and not isinstance(sent_cursor, str):
            raise ApiError(400, "invalid_cursor", "`cursor` must be a string.", {"cursor": []})
        headers = request.headers
        outcome = sync_push(
            user=request.user,
            changes=changes,
            device_id=device_id_clean(headers.get("X-Device-ID")),
            idempotency_key=idempotency_key_clean(
                headers.get("Idempotency-Key") or headers.get("X-Idempotency-Key")
            ),
            request_hash=checksum_of(canonical_json(body)),
            cursor=cursor_decode(sent_cursor, user_id=request.user.pk) if sent_cursor else None,
        )
        replay = {"Idempotent-Replay": "true"} if outcome.replayed else None
        return Response(outcome.body, headers=replay)


class PullView(APIView):
    throttle_scope = "sync"

    @extend_schema(
        operation_id="sync_pull",
        tags=["sync"],
        parameters=PULL_PARAMETERS,
        responses={200: PullOutputSerializer, 410: ErrorSerializer},
    )
    def get(self, request):
        body = feed_pull(
            user=request.user,
            since=request.query_params.get("since") or None,
            limit=params.pull_limit(request),
            types=params.pull_types(request),
        )
        return HttpResponse(dumps(body), content_type="application/json")


class StatusView(APIView):
    json_opaque_fields = ("entity_counts",)

    @extend_schema(operation_id="sync_status", tags=["sync"], responses=StatusOutputSerializer)
    def get(self, request):
        return Response(StatusOutputSerializer(sync_status(user=request.user)).data)
