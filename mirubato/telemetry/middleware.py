"""The first middleware: a request id for every request (the proxy's `X-Request-ID` when it is
acceptable, else a new one), returned on every answer (API, admin, error pages, 500s), carried
into every log line the request writes; then one log line and the metrics of the request."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from mirubato.telemetry import context, metrics

HEADER = "X-Request-ID"
UNMATCHED = "<unmatched>"  # no route: a 404, or the static files served before routing
STATIC = "<static>"

logger = logging.getLogger("mirubato.request")


def route_of(request: HttpRequest) -> str:
    """The route template (`api/scores/<str:score_id>`), never the path: labels and log
    fields must not grow with every id."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.route:
        return match.route
    if request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return STATIC
    return UNMATCHED


class RequestTelemetryMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sent = request.headers.get(HEADER) if settings.REQUEST_ID_FROM_PROXY else None
        request_id = context.request_id_clean(sent) or context.new_request_id()
        request.request_id = request_id
        started = time.perf_counter()
        with context.work(request_id=request_id, request=request) as work:
            response = self.get_response(request)
            response[HEADER] = request_id
            self._record(request, response, work, time.perf_counter() - started)
        return response

    def _record(self, request, response, work: context.WorkContext, seconds: float) -> None:
        route, status = route_of(request), response.status_code
        metrics.http_observe(
            method=request.method,
            route=route,
            status=status,
            seconds=seconds,
            queries=work.db_queries,
        )
        fields = {
            "method": request.method,
            "route": route,
            "path": request.path,
            "status": status,
            "duration_ms": round(seconds * 1000, 2),
            "db_ms": round(work.db_seconds * 1000, 2),
            "db_queries": work.db_queries,
        }
        level = logging.ERROR if status >= 500 else logging.INFO
        logger.log(
            level,
            "%s %s %s %.1fms db %dq/%.1fms",
            request.method,
            request.path,
            status,
            fields["duration_ms"],
            work.db_queries,
            fields["db_ms"],
            extra=fields,
        )
