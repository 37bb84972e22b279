"""Staff decisions: approve (as generated or edited), reject, requeue a dead letter."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from dictionary.models import (
    DB,
    DeadLetter,
    DictionaryEntry,
    EntrySource,
    ManualReview,
    QueueStatus,
    RecoveryAction,
    ReviewStatus,
    SeedQueue,
)
from dictionary.normalize import normalize_term
from dictionary.pipeline.quality import score_entry
from dictionary.services.entries import entry_upsert
from dictionary.services.pipeline.queue import history
from mirubato.api.errors import ApiError


class ReviewError(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(409, "review_not_possible", message)


def _pending(review_id: str) -> ManualReview:
    review = ManualReview.objects.using(DB).select_for_update().filter(pk=review_id).first()
    if review is None:
        raise ReviewError("This review item no longer exists.")
    if review.status != ReviewStatus.PENDING:
        raise ReviewError(f"'{review.term}' was already {review.status}.")
    return review


def review_approve(
    *,
    review_id: str,
    reviewer_id: str,
    content: dict[str, Any] | None = None,
    type: str | None = None,
    notes: str = "",
) -> DictionaryEntry:
    """Publish a review item, as generated or with the reviewer's `content`. An item with
    nothing written (no provider) cannot be approved without content."""
    with transaction.atomic(using=DB):
        review = _pending(review_id)
        final = content if content is not None else review.generated_content
        if not (final.get("definition") or {}).get("concise"):
            raise ReviewError(f"'{review.term}' has no definition yet: edit it, then approve.")
        entry = entry_upsert(
            term=review.term,
            lang=review.lang,
            type=type or review.type,
            content={**final, "quality": {"human_verified": True, "verified_by": reviewer_id}},
            overall_score=max(score_entry({**final, "type": type or review.type}), 1),
            source=EntrySource.REVIEW,
        )
        _close(review, ReviewStatus.APPROVED, reviewer_id=reviewer_id, notes=notes, entry=entry)
        if content is not None:
            review.generated_content = content
            review.save(using=DB, update_fields=["generated_content"])
    return entry


def review_reject(*, review_id: str, reviewer_id: str, notes: str = "") -> ManualReview:
    with transaction.atomic(using=DB):
        review = _pending(review_id)
        _close(review, ReviewStatus.REJECTED, reviewer_id=reviewer_id, notes=notes, entry=None)
    return review


def _close(
    review: ManualReview,
    status: str,
    *,
    reviewer_id: str,
    notes: str,
    entry: DictionaryEntry | None,
) -> None:
    review.status = status
    review.reviewer_notes = notes
    review.reviewed_by = reviewer_id
    review.reviewed_at = timezone.now()
    review.entry_id = entry.id if entry else ""
    review.save(using=DB)
    done = {
        "status": QueueStatus.COMPLETED,
        "completed_at": timezone.now(),
        "updated_at": timezone.now(),
    }
    SeedQueue.objects.using(DB).filter(pk=review.queue_item_id).update(**done)


def dead_letter_requeue(*, dead_letter_id: str, run_id: str) -> SeedQueue | None:
    """Give a dead-lettered term a fresh start in the seed queue (attempts reset)."""
    with transaction.atomic(using=DB):
        letter = DeadLetter.objects.using(DB).select_for_update().filter(pk=dead_letter_id).first()
        if letter is None:
            return None
        item = SeedQueue.objects.using(DB).filter(pk=letter.original_id).first()
        fresh = {
            "status": QueueStatus.PENDING,
            "attempts": 0,
            "next_attempt_at": None,
            "last_error": "",
            "updated_at": timezone.now(),
        }
        if item is None:
            item = SeedQueue.objects.using(DB).create(
                id=letter.original_id,
                term=letter.term,
                normalized_term=normalize_term(letter.term),
                lang=letter.lang,
                priority=letter.priority,
                **fresh,
            )
        else:
            SeedQueue.objects.using(DB).filter(pk=item.pk).update(**fresh)
        history(item, run_id=run_id, action=RecoveryAction.REQUEUED, detail=letter.failure_reason)
        letter.delete()
    return item
