"""`/api/analytics/*`: the system design's analytics service. Thin: check the parameters,
call one selector, render."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.inputs import validated
from progress.analytics import Window
from progress.api.params import (
    AnalyticsExportParams,
    ImprovementParams,
    PracticeTimeParams,
    RepertoireAnalyticsParams,
)
from progress.api.serializers.analytics import (
    ImprovementSerializer,
    PracticeTimeSerializer,
    RepertoireAnalyticsSerializer,
)
from progress.api.views.practice import EXPORT_RESPONSES, logbook_download
from progress.api.views.progress import _ProgressView
from progress.report_pdf import report_pdf
from progress.selectors import progress_facts
from progress.selectors.analytics import (
    analytics_improvement,
    analytics_practice_time,
    analytics_repertoire,
    practice_report,
)

TAGS = ["analytics"]


def _window(params: dict) -> Window:
    return Window(params["start"], params["end"])


class PracticeTimeView(APIView):
    @extend_schema(
        operation_id="analytics_practice_time",
        tags=TAGS,
        parameters=[PracticeTimeParams],
        responses=PracticeTimeSerializer,
    )
    def get(self, request):
        params = validated(PracticeTimeParams, request.query_params)
        body = analytics_practice_time(
            user=request.user,
            zone=params["tz"],
            window=_window(params),
            group_by=params["group_by"],
            week_start=params["week_start"],
            instrument=params.get("instrument") or None,
            activity_type=params.get("activity_type"),
        )
        return Response(PracticeTimeSerializer(body).data)


class RepertoireAnalyticsView(APIView):
    @extend_schema(
        operation_id="analytics_repertoire",
        tags=TAGS,
        parameters=[RepertoireAnalyticsParams],
        responses=RepertoireAnalyticsSerializer,
    )
    def get(self, request):
        params = validated(RepertoireAnalyticsParams, request.query_params)
        body = analytics_repertoire(
            user=request.user,
            zone=params["tz"],
            window=_window(params),
            limit=params["limit"],
            offset=params["offset"],
        )
        return Response(RepertoireAnalyticsSerializer(body).data)


class ImprovementView(APIView):
    # Series points have one-word keys: rendered without walking thousands of them for keys
    # to camelCase.
    json_opaque_fields = ("series",)

    @extend_schema(
        operation_id="analytics_improvement",
        tags=TAGS,
        parameters=[ImprovementParams],
        responses=ImprovementSerializer,
        description="Tempo, accuracy and self-rating trends, overall, per piece and per "
        "activity type (docs/progress.md, 'Improvement').",
    )
    def get(self, request):
        params = validated(ImprovementParams, request.query_params)
        body = analytics_improvement(
            user=request.user,
            zone=params["tz"],
            window=_window(params),
            group_by=params["group_by"],
            week_start=params["week_start"],
            piece=params.get("piece") or None,
            activity_type=params.get("activity_type"),
        )
        # Thousands of series points: rendered as built (the serializer is the schema), which
        # the benchmark measured several times faster than running it.
        return Response(body)


class AnalyticsExportView(_ProgressView):
    def get_throttles(self):
        if self.request.query_params.get("format") == "pdf":
            self.throttle_scope = "report"  # a PDF costs far more than a download
        return super().get_throttles()

    @extend_schema(
        operation_id="analytics_export",
        tags=TAGS,
        parameters=[AnalyticsExportParams],
        responses={
            **EXPORT_RESPONSES,
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The practice report of the range."
            ),
        },
    )
    def get(self, request):
        params = validated(AnalyticsExportParams, request.query_params)
        if params["format"] != "pdf":
            return logbook_download(request, params)
        facts = progress_facts(user=request.user, zone=params["tz"])
        report = practice_report(
            facts=facts, window=_window(params), achievements=self.achievements(request, facts)
        )
        user = request.user
        response = HttpResponse(
            report_pdf(report, who=user.display_name or user.email),
            content_type="application/pdf",
        )
        name = f"mirubato-practice-report-{report.first}-{report.last}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
