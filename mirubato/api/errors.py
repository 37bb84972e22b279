"""The one error envelope: {"error": {"code", "message", "details"}} with the right status.

Every `/api/` failure goes through here: DRF's exceptions (via `api_exception_handler`),
Django's 404s for unknown paths (`api_not_found`) and unhandled exceptions
(`mirubato.api.middleware.ApiErrorMiddleware`).
"""

from __future__ import annotations

import logging
import math
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.views import csrf, defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from mirubato.api.camel import camelize
from mirubato.api.renderers import dumps

logger = logging.getLogger("mirubato.api")


class ApiError(exceptions.APIException):
    """An error a service raises with its own status, code and details.

    `raise ApiError(409, "already_exists", "This piece is already in your repertoire.")`
    """

    def __init__(
        self,
        status_code: int,
        code: str,
        message: str,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail=message, code=code)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.details = details or {}
        self.headers = headers or {}


class PayloadTooLarge(ApiError):
    def __init__(self, message: str, *, limit: int, unit: str = "bytes", **details: Any) -> None:
        super().__init__(
            413, "payload_too_large", message, {"limit": limit, "unit": unit, **details}
        )


class ServiceUnavailable(ApiError):
    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(503, "service_unavailable", message, details, headers={"Retry-After": "5"})


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def json_error(status_code: int, code: str, message: str, **details: Any) -> HttpResponse:
    """An envelope response for plain Django views (outside DRF's renderers)."""
    body = dumps(camelize(error_body(code, message, details)))
    return HttpResponse(body, status=status_code, content_type="application/json")


def _translate(exc: Exception) -> Exception:
    """Map Django and database exceptions onto API exceptions with the right status."""
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge("The request body is too large.", limit=_upload_limit())
    if isinstance(exc, OperationalError | InterfaceError):
        logger.error("database unavailable: %s", exc)
        return ServiceUnavailable("A database is unavailable; please retry shortly.")
    return exc


def _upload_limit() -> int:
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


INVALID_MESSAGE = "The request has invalid fields; see details."


def as_api_error(exc: exceptions.ValidationError) -> ApiError:
    """A serializer's 400 as the envelope says it (for a transport without DRF's handler, the
    WebSocket): code `invalid`, details naming the fields."""
    detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    return ApiError(400, "invalid", INVALID_MESSAGE, detail)


def _describe(exc: exceptions.APIException) -> tuple[str, str, dict[str, Any]]:
    if isinstance(exc, exceptions.ValidationError):
        exc = as_api_error(exc)
    if isinstance(exc, ApiError):
        return exc.code, exc.message, exc.details
    code = getattr(exc.detail, "code", None) or exc.default_code
    return str(code), str(exc.detail), {}


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's EXCEPTION_HANDLER: every known failure as the envelope. Unknown ones return
    None, so they propagate to ApiErrorMiddleware, which logs them and answers a JSON 500."""
    exc = _translate(exc)
    if not isinstance(exc, exceptions.APIException):
        if isinstance(exc, DatabaseError):
            logger.exception("database error in %s", context.get("view"))
        return None
    headers: dict[str, str] = dict(getattr(exc, "headers", {}) or {})
    if auth_header := getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = auth_header
    if wait := getattr(exc, "wait", None):
        headers["Retry-After"] = str(math.ceil(wait))
    code, message, details = _describe(exc)
    set_rollback()
    return Response(error_body(code, message, details), status=exc.status_code, headers=headers)


# Exempt: an unknown path is a 404 for every method. Checked first, CSRF would answer a POST
# to it with Django's HTML 403 (API clients authenticate by bearer token, never by cookie).
@csrf_exempt
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Catch-all for unknown `/api/` paths, so clients never get an HTML page."""
    return json_error(status.HTTP_404_NOT_FOUND, "not_found", "No API endpoint at this path.")


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(tuple(settings.API_PATH_PREFIXES))


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400 (a bad Host header, a malformed request): JSON under /api/."""
    if _is_api(request):
        return json_error(400, "bad_request", "The request could not be understood.")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: JSON under /api/."""
    if _is_api(request):
        return json_error(403, "permission_denied", "You may not do this.")
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: JSON under /api/ (a route that matched but raised Http404 outside DRF)."""
    if _is_api(request):
        return api_not_found(request)
    return defaults.page_not_found(request, exception)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a browser form that failed the check (the admin) keeps Django's page;
    under /api/ the envelope."""
    if _is_api(request):
        return json_error(403, "csrf_failed", "CSRF verification failed.", reason=reason)
    return csrf.csrf_failure(request, reason)


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """handler500: JSON under /api/, Django's plain page elsewhere."""
    if _is_api(request):
        return json_error(500, "server_error", "Internal server error.")
    return defaults.server_error(request)
