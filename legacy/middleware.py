"""Credentialed CORS for the original web client, under /legacy/ only.

Its main API client sends every request `withCredentials` (cookies: the refresh-token cookie),
so the browser keeps an answer only with `Access-Control-Allow-Credentials: true` beside the
exact origin. django-cors-headers decides the origin (CORS_ALLOWED_ORIGINS, never `*`); this
adds the credentials flag to its answers on legacy paths. The rest of the API uses bearer
tokens only and keeps credentials off.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

PREFIX = "/legacy/"


class LegacyCredentialsMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(PREFIX) and response.has_header("Access-Control-Allow-Origin"):
            response["Access-Control-Allow-Credentials"] = "true"
        return response
