"""Reads of scores, each through the one visibility rule in `scores.visibility`.

Other apps (repertoire, autocomplete) call `scores_visible_to` and `score_is_visible`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from mirubato.api.errors import ApiError
from scores.models import Score, ScorePage, ScoreVersion
from scores.visibility import by_id_q, listed_q


def scores_visible_to(user: Any) -> QuerySet[Score]:
    """Scores `user` may see listed: public ones, their own, and (staff) private ones.
    Unlisted scores of others never appear here; open them by id."""
    return Score.objects.filter(listed_q(user))


def score_is_visible(*, score_id: str, user: Any) -> bool:
    """True when `user` may open the score with this id (public, unlisted, own, or staff)."""
    if not score_id:
        return False
    return Score.objects.filter(by_id_q(user), pk=score_id).exists()


def _not_found() -> ApiError:
    return ApiError(404, "score_not_found", "No score with this id.")


def score_get_visible(*, score_id: str, user: Any) -> Score:
    """The score, or a 404 that says the same whether it is missing or someone else's."""
    score = Score.objects.filter(by_id_q(user), pk=score_id).first()
    if score is None:
        raise _not_found()
    return score


def score_versions(*, score: Score) -> QuerySet[ScoreVersion]:
    return score.versions.order_by("created_at")


def score_version_get(*, score: Score, version_id: str) -> ScoreVersion:
    version = score.versions.filter(pk=version_id).first()
    if version is None:
        raise ApiError(404, "version_not_found", "This score has no version with this id.")
    return version


def score_pages(*, score: Score) -> QuerySet[ScorePage]:
    return score.pages.order_by("page_number")


def score_page_get(*, score: Score, page_number: int) -> ScorePage:
    # A number beyond any real page would overflow the database's integer; it is simply absent.
    page = score.pages.filter(page_number=page_number).first() if page_number < 2**31 else None
    if page is None:
        raise ApiError(404, "page_not_found", "This score has no such page (yet).")
    return page
