"""`GET /metrics`: the Prometheus text exposition, for a scraper holding METRICS_TOKEN.

With METRICS_TOKEN set, only `Authorization: Bearer <token>` is answered (compared in constant
time). Without it the endpoint is for development only: loopback clients when DEBUG is on,
and a 404 otherwise, so a production host never exposes its figures by omission.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mirubato.telemetry import metrics

LOOPBACK = frozenset({"127.0.0.1", "::1"})


def _allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    if not token:
        if not settings.DEBUG:
            raise Http404("metrics are off: set METRICS_TOKEN")
        return request.META.get("REMOTE_ADDR") in LOOPBACK
    scheme, _, sent = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(sent.strip(), token)


@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        response = HttpResponse("metrics: bearer token required\n", status=401)
        response["Content-Type"] = "text/plain; charset=utf-8"
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    body, content_type = metrics.exposition()
    return HttpResponse(body, content_type=content_type)
