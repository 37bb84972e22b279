"""How the original web client speaks (docs/web-client.md): keys exactly as it reads them (the
main API camelCase, scores and dictionary snake_case: no conversion here, each view builds its
own), errors as `{success: false, error: "<message>", code: <status>}`, and public reads that
treat a bad or expired token as anonymous, as the original did.

Every legacy view derives from `LegacyView` (signed in) or `PublicLegacyView`.
"""

from __future__ import annotations

from typing import Any

from allauth.headless.contrib.rest_framework.authentication import JWTTokenAuthentication
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import access_token_user
from mirubato.api.camel import to_camel
from mirubato.api.errors import api_exception_handler
from mirubato.api.parsers import VerbatimJSONParser
from mirubato.api.renderers import VerbatimJSONRenderer, dumps


def ok(data: Any = None, **extra: Any) -> dict[str, Any]:
    """The success body the client reads: `{success: true, data, ...}`."""
    return (
        {"success": True, "data": data, **extra} if data is not None else {"success": True, **extra}
    )


def _first_problem(details: dict[str, Any]) -> str | None:
    """`field: message` of the first field error in our envelope's details, for a client that
    shows `error` as one line of text."""
    for field, problems in details.items():
        if isinstance(problems, list) and problems and isinstance(problems[0], str):
            return f"{field}: {problems[0]}"
        if isinstance(problems, dict):
            nested = _first_problem(problems)
            if nested:
                return f"{field}.{nested}"
    return None


def _wire_names(details: Any) -> Any:
    """Field names as the main API's client spells them (camelCase), at every level."""
    if isinstance(details, dict):
        return {to_camel(str(key)): _wire_names(value) for key, value in details.items()}
    if isinstance(details, list):
        return [_wire_names(item) for item in details]
    return details


def legacy_error(status: int, message: str, **extra: Any) -> dict[str, Any]:
    return {"success": False, "error": message, "code": status, **extra}


def legacy_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Our envelope, reshaped: the same status and checks, the original's body. The envelope's
    own code and details travel along (`errorCode`, `details`) for anyone who wants them."""
    response = api_exception_handler(exc, context)
    if response is None:
        return None
    error = response.data["error"]
    details = error.get("details") or {}
    if getattr(context.get("view"), "camel_fields", True):
        details = _wire_names(details)
    message = (_first_problem(details) if error["code"] == "invalid" else None) or error["message"]
    response.data = legacy_error(
        response.status_code, message, errorCode=error["code"], details=details
    )
    return response


@csrf_exempt  # an unknown path is a 404 for every method, never Django's CSRF page
def legacy_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Catch-all for unknown paths under /legacy/."""
    body = legacy_error(404, "Not found", errorCode="not_found", details={})
    return HttpResponse(dumps(body), status=404, content_type="application/json")


class OptionalTokenAuthentication(JWTTokenAuthentication):
    """The bearer token when it is valid, else anonymous: public reads never answer 401,
    which the client would take for a sign-out."""

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except AuthenticationFailed:
            return None

    def authenticate_credentials(self, key: str):
        result = access_token_user(key)  # the API's one-query check (accounts.selectors)
        if result is None:
            raise AuthenticationFailed("Invalid token.")
        return result


class SnakeCaseFields:
    """The scores and dictionary wire: their keys are snake_case, so are field names in
    errors (the main API's are camelCase, the default)."""

    camel_fields = False


class LegacyView(APIView):
    parser_classes = [VerbatimJSONParser, MultiPartParser, FormParser]
    renderer_classes = [VerbatimJSONRenderer]
    # The original's routes are not part of this API's OpenAPI schema (docs/web-client.md).
    schema = None

    def get_exception_handler(self):
        return legacy_exception_handler


class PublicLegacyView(LegacyView):
    authentication_classes = [OptionalTokenAuthentication]
    permission_classes = [AllowAny]
