from __future__ import annotations

from typing import Any

from accounts.models import User


def user_profile(*, user: User) -> dict[str, Any]:
    """What a signed-in user sees of their own account."""
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "auth_provider": user.auth_provider,
        "is_staff": user.is_staff,
        "created_at": user.created_at,
    }
