from __future__ import annotations

import orjson
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

from mirubato.api.camel import opaque_fields, underscoreize


class CamelCaseJSONParser(BaseParser):
    """Parses a JSON body with orjson and turns its camelCase keys into snake_case."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = orjson.loads(stream.read())
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"Malformed JSON: {exc}") from exc
        view = (parser_context or {}).get("view")
        return underscoreize(data, opaque_fields(view))
