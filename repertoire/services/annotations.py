"""Annotations: a user's marks on a score page. `annotation_data` is the client's JSON, kept
as sent but bounded in size, so one drawing cannot bloat the table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mirubato.api.errors import ApiError, PayloadTooLarge
from repertoire.models import ScoreAnnotation
from repertoire.selectors.annotations import annotation_get
from repertoire.services.scores_link import score_id_accept

if TYPE_CHECKING:
    from accounts.models import User

EDITABLE = ("page_number", "annotation_type", "annotation_data")
# Far beyond any drawing, and well inside orjson's 254 levels, which every response that
# wraps the data (a list page adds three) must still fit in.
MAX_DEPTH = 64


def _depth(data: Any) -> int:
    """How deeply lists and objects nest in `data` (iterative: no recursion limit)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, level + 1) for child in children)
    return deepest


def annotation_data_check(data: Any) -> None:
    """Refuses annotation data above `ANNOTATION_MAX_BYTES` (encoded as JSON) with a 413, and
    data no database can store (the NUL character) or no response can encode (nested over
    `MAX_DEPTH` levels) with a 400."""
    if _depth(data) > MAX_DEPTH:
        raise ApiError(
            400,
            "invalid",
            f"annotationData may nest at most {MAX_DEPTH} levels.",
            {"annotation_data": [f"Nested deeper than {MAX_DEPTH} levels."]},
        )
    limit = settings.ANNOTATION_MAX_BYTES
    encoded = orjson.dumps(data)
    if b"\\u0000" in encoded:  # PostgreSQL's jsonb cannot store the NUL character
        raise ApiError(
            400,
            "invalid",
            "Text may not contain the NUL character.",
            {"annotation_data": ["Contains the NUL character."]},
        )
    size = len(encoded)
    if size > limit:
        raise PayloadTooLarge(
            f"annotationData is {size} bytes; the limit is {limit}.", limit=limit, size=size
        )


def annotation_create(
    *, user: User, score_id: str, page_number: int, annotation_type: str, annotation_data: Any
) -> ScoreAnnotation:

    annotation_data_check(annotation_data)
    score_id = score_id_accept(user=user, score_id=score_id)
    now = timezone.now()
    with transaction.atomic(using="default"):
        return ScoreAnnotation.objects.create(
            user=user,
            score_id=score_id,
            page_number=page_number,
            annotation_type=annotation_type,
            annotation_data=annotation_data,
            created_at=now,
            updated_at=now,
        )


def annotation_update(*, user: User, annotation_id: str, **changes: Any) -> ScoreAnnotation:
    if "annotation_data" in changes:
        annotation_data_check(changes["annotation_data"])
    with transaction.atomic(using="default"):
        annotation = annotation_get(user=user, annotation_id=annotation_id)
        for field in EDITABLE:
            if field in changes:
                setattr(annotation, field, changes[field])
        annotation.updated_at = timezone.now()
        annotation.save()
    return annotation


def annotation_delete(*, user: User, annotation_id: str) -> None:
    with transaction.atomic(using="default"):
        annotation_get(user=user, annotation_id=annotation_id).delete()
