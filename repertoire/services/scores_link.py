"""Score ids as the repertoire, goals and annotations accept them (one rule for all three)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mirubato.api.errors import ApiError
from repertoire.models import SCORE_ID_LENGTH
from scores.selectors import is_catalogue_id, normalize_score_id, score_is_visible

if TYPE_CHECKING:
    from accounts.models import User


def score_id_accept(*, user: User, score_id: str) -> str:
    """The normalised id (reference §7.3). A catalogue `score_...` id must name a score the
    user can see (public, or their own upload), else 404 exactly as for a missing one, so a
    private score's existence is not revealed. A free `title-composer` id is always allowed."""
    normalised = normalize_score_id(score_id)
    if not normalised or len(normalised) > SCORE_ID_LENGTH:
        problem = "Must not be blank." if not normalised else "Too long once normalised."
        raise ApiError(
            400, "invalid", "The request has invalid fields; see details.", {"score_id": [problem]}
        )
    if is_catalogue_id(normalised) and not score_is_visible(score_id=normalised, user=user):
        raise ApiError(404, "score_not_found", "No score with this id in the scorebook.")
    return normalised
