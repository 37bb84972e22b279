"""Writes of the user's preferences, through the sync engine so devices receive them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework.exceptions import ValidationError

from repertoire.preferences import ENTITY_TYPE, preferences_clean
from sync.services import FieldError, entity_write

if TYPE_CHECKING:
    from accounts.models import User


def preferences_replace(*, user: User, data: Any, device_id: str = "") -> dict[str, Any]:
    """Replaces the whole preferences object (PUT semantics, as the original): keys left out
    are gone. Identical content is a no-op for sync (no new version, nothing to pull)."""
    if not isinstance(data, dict):
        raise ValidationError({"nonFieldErrors": ["The preferences must be a JSON object."]})
    try:
        cleaned = preferences_clean(data)
    except FieldError as exc:
        raise ValidationError({exc.field: [exc.message]}) from None
    row = entity_write(
        user=user, entity_type=ENTITY_TYPE, entity_id=user.pk, data=cleaned, device_id=device_id
    )
    return row.data
