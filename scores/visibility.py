"""THE visibility rule of the scorebook, as Q objects every read path builds on.

- public: anyone, listed and by id;
- unlisted: anyone who has the id, never listed (except to its owner, for whom it is their own);
- private: its owner and staff only; to everyone else it does not exist (404).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from scores.models import Visibility


def viewer_id(user: Any) -> str:
    """The signed-in user's id, or "" for anonymous (an owner id is never "")."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(user.pk)


def is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_staff", False))


def listed_q(user: Any, prefix: str = "") -> Q:
    """Rows a user may see in lists, search, random, popular and collections."""
    visible = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
    if uid := viewer_id(user):
        visible |= Q(**{f"{prefix}user_id": uid})
    if is_staff(user):
        visible |= Q(**{f"{prefix}visibility": Visibility.PRIVATE})
    return visible


def by_id_q(user: Any, prefix: str = "") -> Q:
    """Rows a user may open when they know the id (detail, pages, files)."""
    return listed_q(user, prefix) | Q(**{f"{prefix}visibility": Visibility.UNLISTED})


def can_view(score: Any, user: Any) -> bool:
    """The same rule for a score already in memory."""
    if score.visibility in (Visibility.PUBLIC, Visibility.UNLISTED):
        return True
    return is_staff(user) or (bool(score.user_id) and score.user_id == viewer_id(user))


def can_edit(score: Any, user: Any) -> bool:
    """Only the owner changes or deletes a score; catalogue rows (no owner) are the admin's."""
    return bool(score.user_id) and score.user_id == viewer_id(user)
