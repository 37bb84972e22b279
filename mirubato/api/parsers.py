from __future__ import annotations

import orjson
from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

from mirubato.api.camel import opaque_fields, underscoreize


def _read_limited(stream) -> bytes:
    """The body, or a 413 past DATA_UPLOAD_MAX_MEMORY_SIZE. DRF hands parsers the raw request
    stream, which Django's own size check (on `request.body`) never sees."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return stream.read()
    body = stream.read(limit + 1)
    if len(body) > limit:
        from mirubato.api.errors import PayloadTooLarge  # errors imports DRF, which loads us

        raise PayloadTooLarge(f"The request body is over {limit} bytes.", limit=limit)
    return body


class CamelCaseJSONParser(BaseParser):
    """Parses a JSON body with orjson and turns its camelCase keys into snake_case."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = orjson.loads(_read_limited(stream))
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"Malformed JSON: {exc}") from exc
        view = (parser_context or {}).get("view")
        try:
            return underscoreize(data, opaque_fields(view))
        except RecursionError:
            # orjson reads up to 1024 levels; converting keys that deep exceeds Python's stack.
            raise ParseError("The JSON is nested too deeply.") from None


class VerbatimJSONParser(CamelCaseJSONParser):
    """JSON without the key conversion, for an endpoint whose whole body is client-owned (the
    preferences object): `json_opaque_fields` covers values under a key, never the body's own
    top-level keys."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return orjson.loads(_read_limited(stream))
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"Malformed JSON: {exc}") from exc
