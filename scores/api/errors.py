"""Schema of an endpoint's own error statuses: the full envelope {"error": {...}}.

`mirubato.api.schema.ErrorSerializer` describes only the inner object, so documenting a status
with it would promise a body the API never sends; wrap it instead.
"""

from __future__ import annotations

from rest_framework import serializers

from mirubato.api.schema import ErrorSerializer


class ErrorEnvelopeSerializer(serializers.Serializer):
    error = ErrorSerializer()
