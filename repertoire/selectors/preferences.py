"""The user's preferences object, as the `user_preferences` sync entity stores it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from repertoire.preferences import ENTITY_TYPE
from sync.selectors import entity_get

if TYPE_CHECKING:
    from accounts.models import User


def preferences_get(*, user: User) -> dict[str, Any]:
    """The stored preferences object, or {} before the first save (or after a synced delete)."""
    row = entity_get(user=user, entity_type=ENTITY_TYPE, entity_id=user.pk)
    return row.data if row is not None else {}
