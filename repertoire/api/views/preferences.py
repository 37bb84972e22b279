"""`/api/user/preferences`: the signed-in user's preferences object (a synced entity)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.parsers import VerbatimJSONParser
from mirubato.api.renderers import VerbatimJSONRenderer
from repertoire.api.serializers.preferences import PreferencesSerializer
from repertoire.selectors.preferences import preferences_get
from repertoire.services.preferences import preferences_replace
from sync.services import device_id_clean


class PreferencesView(APIView):
    # The whole body is the client's object: no key conversion either way.
    parser_classes = [VerbatimJSONParser]
    renderer_classes = [VerbatimJSONRenderer]

    @extend_schema(responses=PreferencesSerializer, operation_id="user_preferences", tags=["user"])
    def get(self, request):
        return Response(preferences_get(user=request.user))

    @extend_schema(
        request=PreferencesSerializer,
        responses=PreferencesSerializer,
        operation_id="user_preferences_replace",
        tags=["user"],
        description="Replaces the whole preferences object; unknown keys are kept as sent. "
        "Stored as the `user_preferences` sync entity, so other devices pull it.",
    )
    def put(self, request):
        device_id = device_id_clean(request.headers.get("X-Device-ID"))
        return Response(
            preferences_replace(user=request.user, data=request.data, device_id=device_id)
        )
