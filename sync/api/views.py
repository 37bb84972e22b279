from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.inputs import validated
from mirubato.api.renderers import dumps
from mirubato.api.schema import ErrorSerializer
from sync.api.serializers import (
    PullOutputSerializer,
    PushInputSerializer,
    PushOutputSerializer,
    StatusOutputSerializer,
)
from sync.selectors import feed_pull, sync_status
from sync.services import push_request
from sync.validation import PullParams, push_size_check

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
        body_bytes = _declared_length(request)
        push_size_check(body_bytes=body_bytes)  # before the body is read or parsed
        headers = request.headers
        outcome = push_request(
            user=request.user,
            body=request.data,
            body_bytes=body_bytes,
            idempotency_key=headers.get("Idempotency-Key") or headers.get("X-Idempotency-Key"),
            device_id=headers.get("X-Device-ID"),
        )
        replay = {"Idempotent-Replay": "true"} if outcome.replayed else None
        return Response(outcome.body, headers=replay)


class PullView(APIView):
    throttle_scope = "sync"

    @extend_schema(
        operation_id="sync_pull",
        tags=["sync"],
        parameters=[PullParams],
        responses={200: PullOutputSerializer, 410: ErrorSerializer},
    )
    def get(self, request):
        params = validated(PullParams, request.query_params)
        body = feed_pull(user_id=request.user.pk, **params)
        return HttpResponse(dumps(body), content_type="application/json")


class StatusView(APIView):
    json_opaque_fields = ("entity_counts",)

    @extend_schema(operation_id="sync_status", tags=["sync"], responses=StatusOutputSerializer)
    def get(self, request):
        return Response(StatusOutputSerializer(sync_status(user=request.user)).data)


def _declared_length(request: Request) -> int:
    """The body's size from Content-Length (0 when absent or not a number)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
