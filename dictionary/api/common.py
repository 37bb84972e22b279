"""Pieces the dictionary's views share."""

from __future__ import annotations

import time

from django.http import HttpResponse
from rest_framework.request import Request

from dictionary.services import Lookup


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
