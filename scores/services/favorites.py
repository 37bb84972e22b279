"""Writes of favourites. A user favourites only a score they may open (the one visibility
rule, `scores.visibility`); to everyone else such a score does not exist (404)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from mirubato.api.errors import ApiError
from scores.models import DB, ScoreFavorite
from scores.selectors.favorites import favorite_state
from scores.selectors.scores import score_get_visible, score_is_visible
from scores.visibility import viewer_id


def favorite_add(*, user: Any, score_id: str) -> dict[str, Any]:
    """Favourites a visible score; idempotent (a second PUT changes nothing). At most
    SCORES_FAVORITES_MAX per user (409 beyond). Concurrent PUTs make one row (unique key)."""
    score = score_get_visible(score_id=score_id, user=user)
    uid = viewer_id(user)
    with transaction.atomic(using=DB):
        mine = ScoreFavorite.objects.filter(user_id=uid)
        existing = mine.filter(score=score).first()
        if existing is None:
            if mine.count() >= settings.SCORES_FAVORITES_MAX:
                raise ApiError(
                    409,
                    "favorites_limit",
                    "You have reached the most favourites one account may keep.",
                    {"limit": settings.SCORES_FAVORITES_MAX},
                )
            row = ScoreFavorite(user_id=uid, score=score)
            ScoreFavorite.objects.bulk_create([row], ignore_conflicts=True)
            existing = mine.filter(score=score).first()
    return favorite_state(score.pk, existing)


def favorite_remove(*, user: Any, score_id: str) -> None:
    """Un-favourites; idempotent. A favourite of a score that has since become invisible to
    the user can still be removed; an id that is neither is a 404."""
    deleted, _ = ScoreFavorite.objects.filter(user_id=viewer_id(user), score_id=score_id).delete()
    if not deleted and not score_is_visible(score_id=score_id, user=user):
        raise ApiError(404, "score_not_found", "No score with this id.")
