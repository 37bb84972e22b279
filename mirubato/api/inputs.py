"""The one way a view checks what a client sent: a body or query parameters, through an input
serializer. A bad value is a 400 in the envelope whose details name the field; nothing else
in a view parses input by hand.

    fields = validated(GoalCreateInputSerializer, request.data)
    params = validated(SummaryParams, request.query_params)

Query parameters are not camelCase-converted by the parser, so a parameter serializer names
each field by its wire name and maps it with `source` (`groupBy = ChoiceField(source=
"group_by")`); `validated_data` is keyed by the source.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


def validated(
    serializer_class: type[serializers.Serializer], data: Any, **context: Any
) -> dict[str, Any]:
    """`data` checked by `serializer_class` (context passed through), or a 400 naming the
    fields that failed."""
    serializer = serializer_class(data=data, context=context)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class SchemaOnlySerializer(serializers.Serializer):
    """Describes a body for the OpenAPI schema only; the view checks it another way (named in
    the subclass's docstring), so running it would be a second, weaker copy of the rule."""

    def is_valid(self, *, raise_exception: bool = False) -> bool:
        raise TypeError(f"{type(self).__name__} documents a body; it does not check one.")
