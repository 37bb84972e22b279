"""The one way a view checks what a client sent: a body or query parameters, through an input
serializer. A bad value is a 400 in the envelope whose details name the field; nothing else
in a view parses input by hand.

    fields = validated(GoalCreateInputSerializer, request.data)
    params = validated(SummaryParams, request.query_params)

Query parameters are not camelCase-converted by the parser, so a parameter serializer names
each field by its wire name and maps it with `source` (`groupBy = ChoiceField(source=
"group_by")`); `validated_data` is keyed by the source. Parameter serializers derive from
`ParamsSerializer`.
"""

from __future__ import annotations

import copy
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


class ParamsSerializer(serializers.Serializer):
    """Query parameters: flat fields, set up cheaply on every request.

    DRF gives each serializer instance a deep copy of its declared fields, and a field's deep
    copy is a new field built from its constructor arguments (CharField adds its validators
    again, ChoiceField regroups its choices): 12 catalogue parameters cost 60 µs of copying
    before one was read. A field with no child (no nested serializer, ListField or DictField)
    is changed only by `bind()`, which sets attributes of its own, so a shallow copy of the
    declared field serves one request as well; what the copies share (choices, validators,
    error messages) no request changes. A field with a child is refused when the class is
    defined, since a shallow copy would share the child, and the child's parent, between
    requests.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        nested = [
            name
            for name, field in cls._declared_fields.items()
            if isinstance(field, _WITH_CHILDREN)
        ]
        if nested:
            raise TypeError(f"{cls.__name__}: {', '.join(nested)} hold(s) child fields.")

    def get_fields(self) -> dict[str, serializers.Field]:
        return {name: copy.copy(field) for name, field in self._declared_fields.items()}


_WITH_CHILDREN = (serializers.BaseSerializer, serializers.ListField, serializers.DictField)


class SchemaOnlySerializer(serializers.Serializer):
    """Describes a body for the OpenAPI schema only; the view checks it another way (named in
    the subclass's docstring), so running it would be a second, weaker copy of the rule."""

    def is_valid(self, *, raise_exception: bool = False) -> bool:
        raise TypeError(f"{type(self).__name__} documents a body; it does not check one.")
