"""Liveness and readiness probes for load balancers and operators.

/livez: the process answers. /readyz and /health: every database alias and the cache answer;
503 names the part that failed.
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("mirubato.health")


def check_database(alias: str) -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down", whatever its class
        logger.warning("health: database %s unavailable: %s", alias, exc)
        return "unavailable"
    return "ok"


def check_cache() -> str:
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:
        logger.warning("health: cache unavailable: %s", exc)
        return "unavailable"
    return "ok" if ok else "unavailable"


def run_checks() -> dict[str, str]:
    checks = {f"database:{alias}": check_database(alias) for alias in settings.DATABASES}
    checks["cache"] = check_cache()
    return checks


def _report(checks: dict[str, str]) -> JsonResponse:
    failed = sorted(name for name, state in checks.items() if state != "ok")
    body = {"status": "unavailable" if failed else "ok", "checks": checks}
    if failed:
        body["failed"] = failed
    return JsonResponse(body, status=503 if failed else 200)


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return _report(run_checks())


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    return _report(run_checks())


@never_cache
@require_GET
def livez(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
