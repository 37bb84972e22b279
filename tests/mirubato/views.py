"""Views that exist only in tests, to drive the shared API plumbing."""

from __future__ import annotations

from django.db import OperationalError
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView


class EchoSerializer(serializers.Serializer):
    display_name = serializers.CharField(max_length=10)
    payload = serializers.JSONField(required=False)


class EchoView(APIView):
    """Validates and echoes the body; `payload` is client-owned and passes through untouched."""

    permission_classes = [AllowAny]
    json_opaque_fields = ("payload",)

    def post(self, request):
        serializer = EchoSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response({"received": serializer.validated_data, "seen_keys": list(request.data)})


class BoomView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise RuntimeError("secret internals must not leak")


class DatabaseDownView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        raise OperationalError("could not connect to server")


class WhoAmIView(APIView):
    def get(self, request):
        return Response({"user_id": request.user.pk})


class ThrottledView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth"

    def get(self, request):
        return Response({"ok": True})


class DefaultThrottledView(APIView):
    """The project's default throttles with a scope of its own (rates set by the test)."""

    permission_classes = [AllowAny]
    throttle_scope = "test_scope"

    def get(self, request):
        return Response({"ok": True})


class DefaultThrottledOpenView(DefaultThrottledView):
    throttle_scope = None
