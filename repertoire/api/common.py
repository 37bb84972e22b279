"""Small pieces the repertoire app's views share."""

from __future__ import annotations

from functools import cache

from rest_framework import serializers


@cache
def page_of(item: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The schema of a `page_body` list of `item` (for views that paginate by hand)."""
    fields = {
        "items": item(many=True),
        "total": serializers.IntegerField(min_value=0),
        "limit": serializers.IntegerField(min_value=0),
        "offset": serializers.IntegerField(min_value=0),
        "has_more": serializers.BooleanField(),
    }
    name = item.__name__.removesuffix("OutputSerializer").removesuffix("Serializer")
    return type(f"{name}PageSerializer", (serializers.Serializer,), fields)


def validated(serializer_class: type[serializers.Serializer], data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField()
