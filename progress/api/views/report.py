"""`GET /api/practice/report.pdf?month=YYYY-MM&tz=`: the monthly practice report as a PDF."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request

from mirubato.api.inputs import validated
from progress import selectors
from progress.api.params import MonthParams
from progress.api.views.progress import TAGS, _ProgressView
from progress.report_data import month_report
from progress.report_pdf import report_pdf


class MonthlyReportView(_ProgressView):
    throttle_scope = "report"  # a PDF costs far more than a JSON read

    @extend_schema(
        operation_id="practice_report_pdf",
        parameters=[MonthParams],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        tags=TAGS,
    )
    def get(self, request: Request) -> HttpResponse:
        params = validated(MonthParams, request.query_params)
        zone = params["tz"]
        month = params.get("month") or timezone.now().astimezone(zone).date().replace(day=1)
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
