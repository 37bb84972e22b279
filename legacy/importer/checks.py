"""Checking an original row the way our REST API checks a request, and the row's times."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework.serializers import Serializer

from legacy.importer.values import RowError, moment, reason_of
from mirubato.api.inputs import validated


def checked(serializer: type[Serializer], data: dict[str, Any], **context: Any) -> dict[str, Any]:
    """`data` through the endpoint's input serializer, or RowError naming the fields."""
    try:
        return validated(serializer, data, **context)
    except ValidationError as exc:
        raise RowError(reason_of(exc.detail)) from None


def row_times(row: dict[str, Any]) -> tuple[datetime, datetime]:
    """(created, updated) of a row; a missing update time is the creation time, a missing
    creation time is now."""
    created = moment(row.get("created_at")) or timezone.now()
    return created, moment(row.get("updated_at")) or created
