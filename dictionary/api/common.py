"""Pieces the dictionary's views share."""

from __future__ import annotations

import time
from typing import Any

from django.http import HttpResponse
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.serializers import Serializer

from dictionary.services import Lookup


def query(serializer_class: type[Serializer], request: Request) -> dict[str, Any]:
    """Validated query parameters (a bad one is a 400 naming it)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def user_id(request: Request) -> str | None:
    return str(request.user.pk) if request.user.is_authenticated else None


def json_bytes(body: bytes, status: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="application/json")


class Timer:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    def ms(self) -> int:
        return int((time.perf_counter() - self.started) * 1000)


def lookup_for(
    request: Request, *, term: str, normalized: str, lang: str, source: str, timer: Timer
) -> Lookup:
    return Lookup(
        term=term,
        normalized=normalized,
        lang=lang,
        source=source,
        user_id=user_id(request),
        response_ms=timer.ms(),
    )


class IgnoreFormatParameter(DefaultContentNegotiation):
    """`?format=csv` names the export's file format here, not a DRF renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
