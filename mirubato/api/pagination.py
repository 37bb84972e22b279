"""Offset pagination: {"items", "total", "limit", "offset", "hasMore"}.

`page_params` and `page_body` are also used directly by hot read paths that skip serializers.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from rest_framework import serializers
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response

from mirubato.api.inputs import ParamsSerializer, validated

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Databases reject LIMIT/OFFSET beyond a 64-bit integer (SQLite: "datatype mismatch",
# PostgreSQL: "bigint out of range"), which would be a 500; no real list is this long.
MAX_OFFSET = 2**31 - 1


class PageParams(ParamsSerializer):
    """`limit` (default 20; above the maximum it is capped, not refused) and `offset`. A list
    view's own parameter serializer extends it; `page_params` reads these two alone."""

    default_limit = DEFAULT_LIMIT
    max_limit = MAX_LIMIT

    limit = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_OFFSET, help_text="Items per page."
    )
    offset = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_OFFSET, help_text="How many items to skip."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        default = self.context.get("default_limit", self.default_limit)
        cap = self.context.get("max_limit", self.max_limit)
        return {
            **attrs,
            "limit": min(attrs.get("limit", default), cap),
            "offset": attrs.get("offset", 0),
        }


def page_params(
    request: Request, *, default_limit: int = DEFAULT_LIMIT, max_limit: int = MAX_LIMIT
) -> tuple[int, int]:
    """The validated (limit, offset) of a request; a limit above the maximum is capped."""
    params = validated(
        PageParams, request.query_params, default_limit=default_limit, max_limit=max_limit
    )
    return params["limit"], params["offset"]


def page_body(items: list[Any], *, total: int, limit: int, offset: int) -> dict[str, Any]:
    return {
        "items": items,
        "total": total,
        "limit": limit,
        "offset": offset,
        "has_more": offset + len(items) < total,
    }


@cache
def page_of(item: type[serializers.Serializer], name: str = "") -> type[serializers.Serializer]:
    """The schema of a `page_body` of `item`s, for views that paginate by hand and document
    their response with `extend_schema(responses=page_of(ItemSerializer))`."""
    fields = {
        "items": item(many=True),
        "total": serializers.IntegerField(min_value=0),
        "limit": serializers.IntegerField(min_value=0),
        "offset": serializers.IntegerField(min_value=0),
        "has_more": serializers.BooleanField(),
    }
    name = name or item.__name__.removesuffix("OutputSerializer").removesuffix("Serializer")
    return type(f"{name}PageSerializer", (serializers.Serializer,), fields)


class OffsetPagination(BasePagination):
    default_limit = DEFAULT_LIMIT
    max_limit = MAX_LIMIT

    def paginate_queryset(self, queryset, request, view=None):
        self.limit, self.offset = page_params(
            request, default_limit=self.default_limit, max_limit=self.max_limit
        )
        self.total = queryset.count()
        return list(queryset[self.offset : self.offset + self.limit])

    def get_paginated_response(self, data):
        return Response(page_body(data, total=self.total, limit=self.limit, offset=self.offset))

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["items", "total", "limit", "offset", "has_more"],
            "properties": {
                "items": schema,
                "total": {"type": "integer", "minimum": 0},
                "limit": {"type": "integer", "minimum": 0},
                "offset": {"type": "integer", "minimum": 0},
                "has_more": {"type": "boolean"},
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "description": (
                    f"Items per page (default {self.default_limit}, at most {self.max_limit})."
                ),
                "schema": {"type": "integer", "minimum": 0},
            },
            {
                "name": "offset",
                "in": "query",
                "required": False,
                "description": "How many items to skip.",
                "schema": {"type": "integer", "minimum": 0},
            },
        ]
