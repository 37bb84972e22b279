"""Reads of single scores (detail, versions, pages) and of scores by id, each through the one
visibility rule in `scores.visibility`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, QuerySet, Window

from mirubato.api.errors import ApiError
from scores.models import (
    DESCRIPTIVE_FIELDS,
    STATE_FIELDS,
    Score,
    ScoreAnalytics,
    ScorePage,
    ScoreVersion,
)
from scores.visibility import by_id_q, listed_q

# What a list item and the detail of a score show (the API's ScoreOutputSerializer).
ROW_FIELDS = (
    "id",
    *DESCRIPTIVE_FIELDS,
    "source",
    "slug",
    *STATE_FIELDS,
    "created_at",
    "updated_at",
)


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


def score_names(*, user: Any, score_ids: list[str]) -> dict[str, tuple[str, str]]:
    """(title, composer) of the scores among `score_ids` that `user` may open by id (one
    query; ids of other scores are simply absent)."""
    rows = Score.objects.filter(by_id_q(user), pk__in=score_ids).values_list(
        "id", "title", "composer"
    )
    return {score_id: (title, composer) for score_id, title, composer in rows}


def score_rows(
    *, user: Any, score_ids: Iterable[str], fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    """`fields` of the scores among `score_ids` that `user` may open by id."""
    return list(Score.objects.filter(by_id_q(user), pk__in=score_ids).values(*fields))


def is_owner(score: Score, viewer: str) -> bool:
    """Owner-only details (processing errors) are shown to the uploader alone."""
    return bool(score.user_id) and score.user_id == viewer


def score_items(scores: QuerySet[Score], *, viewer: str) -> list[dict[str, Any]]:
    """List items straight from `.values()`: about five times cheaper than a ModelSerializer
    (the API's ScoreOutputSerializer describes them)."""
    return _items(list(scores.values(*ROW_FIELDS, "user_id", "thumbnail")), viewer)


def score_items_page(
    scores: QuerySet[Score], *, viewer: str, offset: int, limit: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of list items and the total of `scores`, in one query: a window count over
    the matches, which the page's ORDER BY reads in full anyway (a second COUNT query read
    them again). Past the last page, or for `limit` 0, no row carries it: a count answers."""
    counted = scores.annotate(total=Window(Count("pk")))
    rows = list(
        counted.values(*ROW_FIELDS, "user_id", "thumbnail", "total")[offset : offset + limit]
    )
    total = rows[0]["total"] if rows else (scores.count() if offset or not limit else 0)
    for row in rows:
        del row["total"]
    return _items(rows, viewer), total


def _items(rows: list[dict[str, Any]], viewer: str) -> list[dict[str, Any]]:
    for row in rows:
        owner, thumbnail = row.pop("user_id"), row.pop("thumbnail")
        row["is_owner"] = bool(owner) and owner == viewer
        row["thumbnail_url"] = f"/api/scores/{row['id']}/thumbnail" if thumbnail else None
    return rows


def score_detail(*, score: Score, viewer: str) -> dict[str, Any]:
    """A score's list item plus its description, metadata and counters (the API's
    ScoreDetailOutputSerializer); the processing error only for its owner."""
    row = {name: getattr(score, name) for name in ROW_FIELDS}
    row["is_owner"] = is_owner(score, viewer)
    row["thumbnail_url"] = f"/api/scores/{score.id}/thumbnail" if score.thumbnail else None
    analytics = ScoreAnalytics.objects.filter(score_id=score.id).first()
    row.update(
        description=score.description,
        metadata=score.metadata,
        processing_error=score.processing_error if row["is_owner"] else "",
        view_count=analytics.view_count if analytics else 0,
        download_count=analytics.download_count if analytics else 0,
    )
    return row


def score_versions(*, score: Score) -> list[ScoreVersion]:
    return list(score.versions.order_by("created_at"))


def score_version_get(*, score: Score, version_id: str) -> ScoreVersion:
    version = score.versions.filter(pk=version_id).first()
    if version is None:
        raise ApiError(404, "version_not_found", "This score has no version with this id.")
    return version


def score_pages(*, score: Score) -> list[ScorePage]:
    return list(score.pages.order_by("page_number"))


def score_page_get(*, score: Score, page_number: int) -> ScorePage:
    # A number beyond any real page would overflow the database's integer; it is simply absent.
    page = score.pages.filter(page_number=page_number).first() if page_number < 2**31 else None
    if page is None:
        raise ApiError(404, "page_not_found", "This score has no such page (yet).")
    return page
