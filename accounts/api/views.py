"""The signed-in user's own account: profile, export, deletion."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import (
    ProfileOutputSerializer,
    ProfileReplaceInputSerializer,
    ProfileUpdateInputSerializer,
)
from accounts.selectors import user_profile
from accounts.services.deletion import user_delete
from accounts.services.users import PROFILE_FIELDS, user_export, user_update
from mirubato.api.inputs import validated
from mirubato.streaming import StreamingResponse


def _profile(user) -> Response:
    # The selector's dict is already the body ProfileOutputSerializer describes (the renderer
    # writes datetimes as DRF would, UTC with "Z"); running the serializer on every read
    # cost more than the rest of the view.
    return Response(user_profile(user=user))


class MeView(APIView):
    @extend_schema(responses=ProfileOutputSerializer, operation_id="auth_me", tags=["auth"])
    def get(self, request):
        return _profile(request.user)


class UserMeView(APIView):
    @extend_schema(responses=ProfileOutputSerializer, operation_id="user_me", tags=["user"])
    def get(self, request):
        return _profile(request.user)

    @extend_schema(
        request=ProfileUpdateInputSerializer,
        responses=ProfileOutputSerializer,
        operation_id="user_me_update",
        tags=["user"],
    )
    def patch(self, request):
        fields = validated(ProfileUpdateInputSerializer, request.data)
        return _profile(user_update(user=request.user, **fields))

    @extend_schema(
        request=ProfileReplaceInputSerializer,
        responses=ProfileOutputSerializer,
        operation_id="user_me_replace",
        tags=["user"],
        description="Replaces the editable profile: a field left out is cleared.",
    )
    def put(self, request):
        fields = validated(ProfileReplaceInputSerializer, request.data)
        changes = {name: fields.get(name) for name in PROFILE_FIELDS}
        return _profile(user_update(user=request.user, **changes))

    @extend_schema(
        responses={204: None},
        operation_id="user_me_delete",
        tags=["user"],
        description="Erases the account and everything about it in every database, and ends "
        "every login.",
    )
    def delete(self, request):
        user_delete(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UserExportView(APIView):
    @extend_schema(
        responses={
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="One JSON document: {format, exportedAt, userId, parts: "
                "{app: {section: [rows]}}}, streamed as an attachment.",
            )
        },
        operation_id="user_me_export",
        tags=["user"],
    )
    def get(self, request):
        filename = f"mirubato-export-{timezone.now():%Y%m%d}.json"
        response = StreamingResponse(
            user_export(user=request.user), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
