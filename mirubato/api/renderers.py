from __future__ import annotations

import decimal
from typing import Any

import orjson
from rest_framework.renderers import BaseRenderer

from mirubato.api.camel import camelize, opaque_fields

_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS


def _default(value: Any) -> Any:
    # Lazy translation strings, Decimal and sets are the few values DRF hands over that orjson
    # does not know; everything else (datetime, UUID, dict subclasses) it encodes natively.
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return list(value)
    return str(value)


def dumps(data: Any) -> bytes:
    """Encode JSON the way every API response does (orjson, UTC as `Z`)."""
    return orjson.dumps(data, default=_default, option=_OPTIONS)


class CamelCaseJSONRenderer(BaseRenderer):
    media_type = "application/json"
    format = "json"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        view = (renderer_context or {}).get("view")
        return dumps(camelize(data, opaque_fields(view)))


class VerbatimJSONRenderer(CamelCaseJSONRenderer):
    """The counterpart of `VerbatimJSONParser`: keys as stored. Error envelopes need no
    conversion (their keys are one word)."""

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return b"" if data is None else dumps(data)
