"""Reads of favourites. A user sees a favourite only while they may still open its score (the
one visibility rule, `scores.visibility`)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from scores.models import ScoreFavorite
from scores.selectors.scores import score_get_visible
from scores.visibility import by_id_q, viewer_id

MAX_CHECK = 100


def favorite_state(score_id: str, favorite: ScoreFavorite | None) -> dict[str, Any]:
    return {
        "score_id": score_id,
        "favorited": favorite is not None,
        "favorited_at": favorite.created_at if favorite else None,
    }


def favorite_get(*, user: Any, score_id: str) -> dict[str, Any]:
    score = score_get_visible(score_id=score_id, user=user)
    favorite = ScoreFavorite.objects.filter(user_id=viewer_id(user), score=score).first()
    return favorite_state(score.pk, favorite)


def favorites_list(*, user: Any) -> QuerySet[ScoreFavorite]:
    """The user's favourites they may still open, newest first."""
    return (
        ScoreFavorite.objects.filter(by_id_q(user, prefix="score__"), user_id=viewer_id(user))
        .select_related("score")
        .order_by("-created_at", "-id")
    )


def favorites_page(*, user: Any, limit: int, offset: int) -> tuple[list[ScoreFavorite], int]:
    """One page of `favorites_list` (each with its score), and the total."""
    favorites = favorites_list(user=user)
    return list(favorites[offset : offset + limit]), favorites.count()


def favorites_check(*, user: Any, score_ids: list[str]) -> list[dict[str, Any]]:
    """For each distinct id asked (in order, at most MAX_CHECK): favourited by the user and
    still visible to them. One query, whatever the number of ids."""
    wanted = list(dict.fromkeys(score_ids))
    found = set(
        favorites_list(user=user).filter(score_id__in=wanted).values_list("score_id", flat=True)
    )
    return [{"score_id": score_id, "favorited": score_id in found} for score_id in wanted]
