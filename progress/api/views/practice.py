from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.fields import ZoneParams
from mirubato.api.inputs import validated
from mirubato.streaming import StreamingResponse
from progress.analytics import Window
from progress.api.params import ExportParams, SummaryParams
from progress.api.serializers.practice import StreaksOutputSerializer, SummaryOutputSerializer
from progress.export import csv_lines, json_chunks
from progress.selectors.practice import (
    local_today,
    practice_export_entries,
    practice_streaks,
    practice_summary,
)

TAGS = ["practice"]
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


class SummaryView(APIView):
    @extend_schema(
        operation_id="practice_summary",
        tags=TAGS,
        responses=SummaryOutputSerializer,
        parameters=[SummaryParams],
    )
    def get(self, request):
        params = validated(SummaryParams, request.query_params)
        body = practice_summary(
            user=request.user,
            zone=params["tz"],
            window=Window(params["start"], params["end"]),
            group_by=params["group_by"],
            week_start=params["week_start"],
        )
        # The selector's dict is the body: SummaryOutputSerializer describes it for the schema
        # (tests pin that they agree), and running it cost as much as computing the summary.
        return Response(body)


class StreaksView(APIView):
    @extend_schema(
        operation_id="practice_streaks",
        tags=TAGS,
        responses=StreaksOutputSerializer,
        parameters=[ZoneParams],
    )
    def get(self, request):
        zone = validated(ZoneParams, request.query_params)["tz"]
        body = practice_streaks(user=request.user, zone=zone)
        return Response(StreaksOutputSerializer(body).data)


EXPORT_RESPONSES = {
    (200, "text/csv"): OpenApiResponse(
        OpenApiTypes.STR,
        description="RFC 4180 CSV: Date (local, YYYY-MM-DD HH:MM), Duration (minutes), "
        "Pieces, Composers (joined with '; '), Instrument, Type, Mood, Notes.",
    ),
    (200, "application/json"): OpenApiResponse(
        {"type": "array", "items": {"type": "object", "additionalProperties": True}},
        description="The logbook entries as the client stored them.",
    ),
}


class ExportView(APIView):
    @extend_schema(
        operation_id="practice_export",
        tags=TAGS,
        parameters=[ExportParams],
        responses=EXPORT_RESPONSES,
    )
    def get(self, request):
        return logbook_download(request, validated(ExportParams, request.query_params))


def logbook_download(request, params: dict) -> StreamingResponse:
    """The logbook in the window as a streamed CSV or JSON attachment (also the analytics
    export's csv and json)."""
    file_format, zone = params["format"], params["tz"]
    window = Window(params["start"], params["end"])
    entries = practice_export_entries(user=request.user, window=window)
    chunks = csv_lines(entries, zone) if file_format == "csv" else json_chunks(entries)
    response = StreamingResponse(chunks, content_type=CONTENT_TYPES[file_format])
    name = f"mirubato-practice-{local_today(zone).isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
