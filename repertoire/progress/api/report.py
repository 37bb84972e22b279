"""`GET /api/practice/report.pdf?month=YYYY-MM&tz=`: the monthly practice report as a PDF."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request

from repertoire.api.params import TZ_PARAM, zone_param
from repertoire.progress import selectors
from repertoire.progress.api.params import MONTH_PARAMETER, month_param
from repertoire.progress.api.views import TAGS, _ProgressView
from repertoire.progress.report_data import month_report
from repertoire.progress.report_pdf import report_pdf


class JsonErrorsNegotiation(BaseContentNegotiation):
    """The PDF is sent as a plain HttpResponse; anything DRF renders here is an error, always
    as the JSON envelope, whatever `Accept` asks for (never a 406)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class MonthlyReportView(_ProgressView):
    content_negotiation_class = JsonErrorsNegotiation
    throttle_scope = "report"  # a PDF costs far more than a JSON read

    @extend_schema(
        operation_id="practice_report_pdf",
        parameters=[MONTH_PARAMETER, TZ_PARAM],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        tags=TAGS,
    )
    def get(self, request: Request) -> HttpResponse:
        zone = zone_param(request)
        month = month_param(request, today=timezone.now().astimezone(zone).date())
        facts = selectors.progress_facts(user=request.user, zone=zone)
        report = month_report(
            facts=facts, month=month, achievements=self.achievements(request, facts)
        )
        user = request.user
        body = report_pdf(report, who=user.display_name or user.email)
        response = HttpResponse(body, content_type="application/pdf")
        name = f"mirubato-practice-report-{month:%Y-%m}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
