"""The practice API's writes whose answers are computed: a quick log answers with the updated
streak, ending a session with its summary (the writes are repertoire's services); and the
design's `GET /api/users/me/progress`."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework import status as http
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.fields import Text, TimeZoneField, ZoneParams
from mirubato.api.inputs import validated
from mirubato.api.preconditions import IF_MATCH, IfMatchParams, versioned_response
from mirubato.api.schema import ErrorSerializer
from mirubato.api.throttling import ScopedWritesMixin
from progress.api.serializers.analytics import (
    QuickLogOutputSerializer,
    SessionEndOutputSerializer,
    UserProgressSerializer,
)
from progress.api.views.progress import _ProgressView
from progress.selectors import practice_streaks
from progress.selectors.analytics import session_summary, user_progress
from repertoire.selectors import ACTIVITY_TYPES, logs_by_id
from repertoire.services import quick_log, session_end
from sync.services import device_id_clean

TAGS = ["practice"]
DEVICE = OpenApiParameter("X-Device-ID", str, OpenApiParameter.HEADER, description="Device.")


def _json_number(low: float, high: float, **kwargs) -> serializers.FloatField:
    return serializers.FloatField(min_value=low, max_value=high, **kwargs)


class QuickPieceSerializer(serializers.Serializer):
    title = Text(max_length=500, required=False, allow_blank=True)
    composer = Text(max_length=500, required=False, allow_blank=True)
    section = Text(max_length=500, required=False, allow_blank=True)
    score_id = Text(max_length=255, required=False, allow_blank=True)

    def validate(self, attrs: dict) -> dict:
        if not (attrs.get("title") or attrs.get("score_id")):
            raise serializers.ValidationError({"title": ["A piece needs a title or scoreId."]})
        return attrs


class QuickLogInputSerializer(serializers.Serializer):
    """The design's QuickLogRequest (duration in minutes), plus what a client may add."""

    activity_type = serializers.ChoiceField(
        ACTIVITY_TYPES, required=False, help_text="Required unless the template names one."
    )
    duration = _json_number(0, 1440, help_text="Minutes practised, ending now.")
    piece = QuickPieceSerializer(required=False)
    tempo = _json_number(1, 400, required=False, help_text="Beats per minute practised.")
    self_rating = serializers.IntegerField(min_value=1, max_value=10, required=False)
    notes = Text(max_length=20_000, required=False, allow_blank=True)
    instrument = Text(
        max_length=100, required=False, allow_blank=True, help_text="Default: the profile's."
    )
    focus_areas = serializers.ListField(child=Text(max_length=100), max_length=50, required=False)
    session_id = Text(max_length=255, required=False, help_text="A session of yours.")
    template_id = Text(max_length=255, required=False, help_text="Start from this template.")
    id = Text(max_length=255, required=False, help_text="Your id for the log.")
    time_zone = TimeZoneField(help_text="IANA zone of the streak (default UTC).")

    def validate_instrument(self, value: str) -> str:
        return value.strip().lower()

    def validate_id(self, value: str) -> str:
        if not value or not value.isprintable():
            raise serializers.ValidationError("1 to 255 printable characters.")
        return value


class QuickLogView(ScopedWritesMixin, APIView):
    write_throttle_scope = "practice"
    json_opaque_fields = ("data",)

    @extend_schema(
        operation_id="practice_quick_log",
        tags=TAGS,
        request=QuickLogInputSerializer,
        parameters=[DEVICE],
        responses={201: QuickLogOutputSerializer, 409: ErrorSerializer},
    )
    def post(self, request):
        fields = validated(QuickLogInputSerializer, request.data)
        device_id = device_id_clean(request.headers.get("X-Device-ID"))
        log = quick_log(user=request.user, fields=fields, device_id=device_id)
        streak = practice_streaks(user=request.user, zone=fields["time_zone"])
        body = QuickLogOutputSerializer({"log": log, "streak": streak}).data
        return versioned_response(body, version=log["version"], status=http.HTTP_201_CREATED)


class SessionEndInputSerializer(serializers.Serializer):
    notes = Text(
        max_length=20_000,
        required=False,
        allow_blank=True,
        help_text="Replaces the session's notes.",
    )
    time_zone = TimeZoneField(help_text="IANA zone of the summary's streak (default UTC).")


class SessionEndView(ScopedWritesMixin, APIView):
    write_throttle_scope = "practice"
    json_opaque_fields = ("data",)

    @extend_schema(
        operation_id="practice_sessions_end",
        tags=TAGS,
        request=SessionEndInputSerializer,
        parameters=[IF_MATCH, DEVICE],
        responses={200: SessionEndOutputSerializer, 412: ErrorSerializer},
        description="Ends the session now and answers its summary. Ending an ended session "
        "changes nothing and answers the same.",
    )
    def put(self, request, session_id: str):
        if_match = validated(IfMatchParams, request.headers)["if_match"]
        fields = validated(SessionEndInputSerializer, request.data)
        session, logs = session_end(
            user=request.user,
            session_id=session_id,
            if_match=if_match,
            notes=fields.get("notes"),
            device_id=device_id_clean(request.headers.get("X-Device-ID")),
        )
        entries = [record.entry for record in logs]
        summary = session_summary(user=request.user, logs=entries, zone=fields["time_zone"])
        body = SessionEndOutputSerializer({"session": session, "summary": summary}).data
        return versioned_response(body, version=session["version"])


class UserProgressView(_ProgressView):
    json_opaque_fields = ("data",)

    @extend_schema(
        operation_id="users_me_progress",
        tags=["user"],
        parameters=[ZoneParams],
        responses=UserProgressSerializer,
    )
    def get(self, request):
        facts = self.facts(request)
        body = user_progress(facts=facts, achievements=self.achievements(request, facts))
        recent = logs_by_id(user=request.user, log_ids=body.pop("recent_log_ids"))
        return Response(UserProgressSerializer(body | {"recent_activity": recent}).data)
