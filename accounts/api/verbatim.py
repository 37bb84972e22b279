"""JSON in and out without the camelCase conversion, for an endpoint whose whole body is
client-owned (the preferences object): `json_opaque_fields` covers values under a key, never
the body's own top-level keys. Error envelopes need no conversion (their keys are one word)."""

from __future__ import annotations

import orjson
from rest_framework.exceptions import ParseError

from mirubato.api.parsers import CamelCaseJSONParser
from mirubato.api.renderers import CamelCaseJSONRenderer, dumps


class VerbatimJSONParser(CamelCaseJSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return orjson.loads(stream.read())
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"Malformed JSON: {exc}") from exc


class VerbatimJSONRenderer(CamelCaseJSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return b"" if data is None else dumps(data)
