"""Favourites: writes and reads. A user favourites only a score they may open (the one
visibility rule, `scores.visibility`); to everyone else such a score does not exist (404)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from mirubato.api.errors import ApiError
from scores.favorites import ScoreFavorite
from scores.selectors import score_get_visible, score_is_visible
from scores.visibility import by_id_q, viewer_id

DB = "scores"
MAX_CHECK = 100


def _state(score_id: str, favorite: ScoreFavorite | None) -> dict[str, Any]:
    return {
        "score_id": score_id,
        "favorited": favorite is not None,
        "favorited_at": favorite.created_at if favorite else None,
    }


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
    return _state(score.pk, existing)


def favorite_remove(*, user: Any, score_id: str) -> None:
    """Un-favourites; idempotent. A favourite of a score that has since become invisible to
    the user can still be removed; an id that is neither is a 404."""
    deleted, _ = ScoreFavorite.objects.filter(user_id=viewer_id(user), score_id=score_id).delete()
    if not deleted and not score_is_visible(score_id=score_id, user=user):
        raise ApiError(404, "score_not_found", "No score with this id.")


def favorite_get(*, user: Any, score_id: str) -> dict[str, Any]:
    score = score_get_visible(score_id=score_id, user=user)
    favorite = ScoreFavorite.objects.filter(user_id=viewer_id(user), score=score).first()
    return _state(score.pk, favorite)


def favorites_list(*, user: Any) -> QuerySet[ScoreFavorite]:
    """The user's favourites they may still open, newest first."""
    return (
        ScoreFavorite.objects.filter(by_id_q(user, prefix="score__"), user_id=viewer_id(user))
        .select_related("score")
        .order_by("-created_at", "-id")
    )


def favorites_check(*, user: Any, score_ids: list[str]) -> list[dict[str, Any]]:
    """For each distinct id asked (in order, at most MAX_CHECK): favourited by the user and
    still visible to them. One query, whatever the number of ids."""
    wanted = list(dict.fromkeys(score_ids))
    found = set(
        favorites_list(user=user).filter(score_id__in=wanted).values_list("score_id", flat=True)
    )
    return [{"score_id": score_id, "favorited": score_id in found} for score_id in wanted]
