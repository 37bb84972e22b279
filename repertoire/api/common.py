"""Small pieces the repertoire app's views share."""

from __future__ import annotations

from rest_framework import serializers


def validated(serializer_class: type[serializers.Serializer], data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField()
