"""Request pieces the sync views read before calling a service: headers, query parameters,
and the body size, checked before the body is parsed."""

from __future__ import annotations

from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from mirubato.api.errors import PayloadTooLarge
from sync.models import ENTITY_TYPES


def check_body_size(request: Request) -> None:
    """413 from the declared length, before anything is read or parsed."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > settings.SYNC_MAX_PUSH_BYTES:
        limit = settings.SYNC_MAX_PUSH_BYTES
        raise PayloadTooLarge(f"A push may carry at most {limit} bytes.", limit=limit)


def pull_limit(request: Request) -> int:
    raw = request.query_params.get("limit")
    if raw in (None, ""):
        return settings.SYNC_PULL_DEFAULT_LIMIT
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if not 1 <= value <= settings.SYNC_PULL_MAX_LIMIT:
        message = f"Must be a whole number from 1 to {settings.SYNC_PULL_MAX_LIMIT}."
        raise ValidationError({"limit": [message]})
    return value


def pull_types(request: Request) -> list[str] | None:
    raw = request.query_params.get("types")
    if not raw:
        return None
    types = sorted({part.strip() for part in raw.split(",") if part.strip()})
    unknown = [kind for kind in types if kind not in ENTITY_TYPES]
    if unknown or not types:
        raise ValidationError({"types": [f"Each must be one of: {', '.join(ENTITY_TYPES)}."]})
    return types
