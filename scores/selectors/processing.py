"""Reads of the processing queue: which versions a runner may claim."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from scores.models import ProcessingStatus, ScoreVersion


def claimable() -> QuerySet[ScoreVersion]:
    """Pending versions, failed ones with attempts left, and claims gone stale (a runner died)."""
    stale = timezone.now() - timedelta(minutes=settings.SCORES_PROCESSING_STALE_MINUTES)
    retry = Q(
        processing_status=ProcessingStatus.FAILED,
        attempts__lt=settings.SCORES_PROCESSING_MAX_ATTEMPTS,
    )
    abandoned = Q(
        processing_status=ProcessingStatus.PROCESSING,
        claimed_at__lt=stale,
        attempts__lt=settings.SCORES_PROCESSING_MAX_ATTEMPTS,
    )
    return ScoreVersion.objects.filter(
        Q(processing_status=ProcessingStatus.PENDING) | retry | abandoned
    )


def versions_waiting_count() -> int:
    return claimable().count()


def versions_waiting(*, limit: int | None = None) -> list[ScoreVersion]:
    """Claimable versions (each with its score), oldest first; at most `limit`."""
    return list(claimable().order_by("created_at")[:limit].select_related("score"))
