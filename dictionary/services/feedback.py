"""Readers' ratings of entries, and the aggregates entries show for them."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone

from dictionary.models import DB, DictionaryEntry, UserFeedback
from dictionary.services.cache import cache_invalidate


def feedback_submit(
    *, entry_id: str, user_id: str, rating: int, helpful: bool | None, comment: str
) -> tuple[UserFeedback, bool]:
    """One feedback per user and entry: a second submission replaces the first."""
    with transaction.atomic(using=DB):
        feedback, created = UserFeedback.objects.using(DB).update_or_create(
            entry_id=entry_id,
            user_id=user_id,
            defaults={
                "rating": rating,
                "helpful": helpful,
                "comment": comment,
                "updated_at": timezone.now(),
            },
        )
        entry_aggregates_refresh(entry_ids=[entry_id])
    return feedback, created


def entry_aggregates_refresh(*, entry_ids: list[str]) -> None:
    """Recount the feedback shown on entries (call inside the writing transaction)."""
    for entry_id in set(entry_ids):
        totals = (
            UserFeedback.objects.using(DB)
            .filter(entry_id=entry_id)
            .aggregate(
                count=Count("id"),
                average=Avg("rating"),
                helpful=Count("id", filter=Q(helpful=True)),
            )
        )
        DictionaryEntry.objects.using(DB).filter(id=entry_id).update(
            feedback_count=totals["count"],
            rating_average=totals["average"],
            helpful_count=totals["helpful"],
        )
    cache_invalidate()
