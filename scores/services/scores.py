"""Writes to existing scores: the owner's edits and deletion, and the view and download
counters. One transaction each on the `scores` alias; a deleted score's stored files are
removed only after the deletion commits."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from mirubato.api.errors import ApiError
from scores.composers import canonical_composer
from scores.models import DB, Score, ScoreAnalytics
from scores.selectors.scores import score_get_visible
from scores.services.collections import affected_by_scores, refresh
from scores.services.uploads import UNKNOWN_COMPOSER, delete_keys_on_commit, file_keys
from scores.text import slugify
from scores.visibility import can_edit


def _owned(score_id: str, user: Any) -> Score:
    score = score_get_visible(score_id=score_id, user=user)
    if not can_edit(score, user):
        raise ApiError(403, "not_owner", "Only the owner can change this score.")
    return score


def score_update(*, score_id: str, user: Any, fields: dict[str, Any]) -> Score:
    """The owner edits metadata; a composer is canonicalised like on create and import."""
    with transaction.atomic(using=DB):
        score = _owned(score_id, user)
        score = Score.objects.select_for_update().get(pk=score.pk)
        if "composer" in fields:
            fields["composer"] = canonical_composer(fields["composer"]) or UNKNOWN_COMPOSER
        for name, value in fields.items():
            setattr(score, name, value)
        if "title" in fields:
            score.slug = slugify(score.title)
        score.save()
    return score


def score_delete(*, score_id: str, user: Any) -> None:
    """The owner deletes a score: rows at once, its stored files after the commit."""
    with transaction.atomic(using=DB):
        score = _owned(score_id, user)
        affected = affected_by_scores([score.id])
        keys = file_keys([score.id])
        score.delete()
        refresh(affected)
        delete_keys_on_commit(keys)


def analytics_increment(*, score_id: str, field: str) -> None:
    """Adds one to a counter with F(), so concurrent requests never lose a count."""
    changes = {field: F(field) + 1, "last_viewed_at": timezone.now()}
    with transaction.atomic(using=DB):
        if ScoreAnalytics.objects.filter(score_id=score_id).update(**changes):
            return
        try:
            with transaction.atomic(using=DB):
                ScoreAnalytics.objects.create(
                    score_id=score_id, **{field: 1}, last_viewed_at=timezone.now()
                )
        except IntegrityError:  # another request created the row first
            ScoreAnalytics.objects.filter(score_id=score_id).update(**changes)
