"""drf-spectacular hooks: the schema describes the wire format (camelCase, error envelope)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mirubato.api.camel import to_camel

ERROR_SCHEMA_NAME = "ErrorEnvelope"
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string", "description": "Stable snake_case error code."},
                "message": {"type": "string", "description": "Human-readable explanation."},
                "details": {
                    "type": "object",
                    "additionalProperties": True,
                    "description": "Per-field messages or limits, depending on the code.",
                },
            },
        }
    },
}
# Statuses any operation may answer; an operation that documents one itself keeps its own.
COMMON_ERRORS = {
    "400": "Invalid input; `details` names the fields.",
    "401": "Missing, invalid or expired access token.",
    "403": "Signed in, but not allowed.",
    "404": "Not found (or not visible to you).",
    "405": "Method not allowed on this path.",
    "413": "Request body too large; `details.limit` gives the limit.",
    "415": "Unsupported content type.",
    "429": "Too many requests; see `Retry-After`.",
    "500": "Internal error.",
    "503": "A database or the cache is unavailable; retry later.",
}


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    details = serializers.DictField()


class ErrorSerializer(serializers.Serializer):
    """The whole envelope, for `extend_schema(responses={409: ErrorSerializer})` on views that
    answer statuses of their own (409, 410, ...)."""

    error = ErrorBodySerializer()


def _camelize(node: Any) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            node["properties"] = {to_camel(k): v for k, v in node["properties"].items()}
        if isinstance(node.get("required"), list):
            node["required"] = [to_camel(k) if isinstance(k, str) else k for k in node["required"]]
        for value in node.values():
            _camelize(value)
    elif isinstance(node, list):
        for item in node:
            _camelize(item)


def camelize_schema(result: dict, generator, request, public) -> dict:
    """Property names as the renderer sends them: snake_case fields become camelCase."""
    _camelize(result.get("components", {}).get("schemas", {}))
    _camelize(result.get("paths", {}))
    return result


def add_error_responses(result: dict, generator, request, public) -> dict:
    """Document the envelope for every error status on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_SCHEMA_NAME] = ERROR_SCHEMA
    ref = {"$ref": f"#/components/schemas/{ERROR_SCHEMA_NAME}"}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for code, description in COMMON_ERRORS.items():
                responses.setdefault(
                    code,
                    {"description": description, "content": {"application/json": {"schema": ref}}},
                )
    return result
