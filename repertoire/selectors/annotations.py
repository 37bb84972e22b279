from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from mirubato.api.errors import ApiError
from repertoire.models import ScoreAnnotation
from scores.selectors import normalize_score_id

if TYPE_CHECKING:
    from accounts.models import User


def annotation_list(
    *, user: User, score_id: str | None = None, page: int | None = None
) -> QuerySet[ScoreAnnotation]:
    """The caller's annotations, by score and page, oldest first (drawing order)."""
    rows = ScoreAnnotation.objects.filter(user=user)
    if score_id:
        rows = rows.filter(score_id=normalize_score_id(score_id))
    if page is not None:
        rows = rows.filter(page_number=page)
    return rows.order_by("score_id", "page_number", "created_at", "id")


def annotation_get(*, user: User, annotation_id: str) -> ScoreAnnotation:
    annotation = ScoreAnnotation.objects.filter(user=user, pk=annotation_id).first()
    if annotation is None:
        raise ApiError(404, "not_found", "No annotation with this id.")
    return annotation
