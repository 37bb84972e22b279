from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.streaming import StreamingResponse
from repertoire.api.params import (
    GROUP_PARAMS,
    RANGE_PARAMS,
    TZ_PARAM,
    choice,
    group_by,
    practice_query,
    week_start,
    zone_param,
)
from repertoire.api.serializers.practice import StreaksOutputSerializer, SummaryOutputSerializer
from repertoire.export import csv_lines, json_chunks
from repertoire.selectors.practice import (
    local_today,
    practice_export_entries,
    practice_streaks,
    practice_summary,
)

TAGS = ["practice"]
EXPORT_FORMATS = ("csv", "json")
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


class SummaryView(APIView):
    @extend_schema(
        operation_id="practice_summary",
        tags=TAGS,
        responses=SummaryOutputSerializer,
        parameters=[*RANGE_PARAMS, TZ_PARAM, *GROUP_PARAMS],
    )
    def get(self, request):
        query = practice_query(request)
        body = practice_summary(
            user=request.user,
            zone=query.zone,
            window=query.window,
            group_by=group_by(request),
            week_start=week_start(request),
        )
        return Response(SummaryOutputSerializer(body).data)


class StreaksView(APIView):
    @extend_schema(
        operation_id="practice_streaks",
        tags=TAGS,
        responses=StreaksOutputSerializer,
        parameters=[TZ_PARAM],
    )
    def get(self, request):
        body = practice_streaks(user=request.user, zone=zone_param(request))
        return Response(StreaksOutputSerializer(body).data)


class _IgnoreFormatParameter(DefaultContentNegotiation):
    """`?format=` names the export's file format here, not DRF's response renderer: errors
    are always the JSON envelope."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ExportView(APIView):
    content_negotiation_class = _IgnoreFormatParameter

    @extend_schema(
        operation_id="practice_export",
        tags=TAGS,
        parameters=[
            OpenApiParameter("format", str, enum=list(EXPORT_FORMATS), description="Default csv."),
            *RANGE_PARAMS,
            TZ_PARAM,
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="RFC 4180 CSV: Date (local, YYYY-MM-DD HH:MM), Duration (minutes), "
                "Pieces, Composers (joined with '; '), Instrument, Type, Mood, Notes.",
            ),
            (200, "application/json"): OpenApiResponse(
                {"type": "array", "items": {"type": "object", "additionalProperties": True}},
                description="The logbook entries as the client stored them.",
            ),
        },
    )
    def get(self, request):
        file_format = choice(request, "format", EXPORT_FORMATS, "csv")
        query = practice_query(request)
        entries = practice_export_entries(user=request.user, window=query.window)
        chunks = csv_lines(entries, query.zone) if file_format == "csv" else json_chunks(entries)
        response = StreamingResponse(chunks, content_type=CONTENT_TYPES[file_format])
        name = f"mirubato-practice-{local_today(query.zone).isoformat()}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
