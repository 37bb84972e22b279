from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from mirubato.api.errors import json_error

logger = logging.getLogger("mirubato.api")


class ApiErrorMiddleware:
    """Turns an exception escaping an `/api/` view into the JSON envelope with status 500.

    The traceback goes to the log, never to the client, whatever DEBUG says.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith(tuple(settings.API_PATH_PREFIXES)):
            return None
        logger.exception("unhandled error on %s %s", request.method, request.path)
        return json_error(500, "server_error", "Internal server error.")
