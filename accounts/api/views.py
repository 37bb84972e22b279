from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import ProfileOutputSerializer
from accounts.selectors import user_profile


class MeView(APIView):
    @extend_schema(responses=ProfileOutputSerializer, operation_id="auth_me", tags=["auth"])
    def get(self, request):
        return Response(ProfileOutputSerializer(user_profile(user=request.user)).data)
