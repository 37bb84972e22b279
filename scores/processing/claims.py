"""Claiming versions to process, so two runners (two hosts, two cron overlaps) never take the
same one: PostgreSQL skips rows another runner has locked, and on every database the claim is
a conditional UPDATE that only one runner can win."""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta

from django.conf import settings
from django.db import connections, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from scores.models import ProcessingStatus, ScoreVersion

DB = "scores"
BATCH = 10


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


def _candidates(skip: Collection[str]) -> list[tuple[str, str, int]]:
    queryset = claimable().exclude(pk__in=list(skip)).order_by("created_at", "id")
    if connections[DB].features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True)
    return list(queryset.values_list("id", "processing_status", "attempts")[:BATCH])


def claim_next(*, skip: Collection[str] = ()) -> ScoreVersion | None:
    """Marks one claimable version `processing` for this runner and returns it (None when
    nothing is left). `skip` holds ids this run already tried, so a failure waits for the next
    run instead of being retried in a tight loop."""
    with transaction.atomic(using=DB):
        for version_id, status, attempts in _candidates(skip):
            won = ScoreVersion.objects.filter(
                pk=version_id, processing_status=status, attempts=attempts
            ).update(
                processing_status=ProcessingStatus.PROCESSING,
                attempts=F("attempts") + 1,
                claimed_at=timezone.now(),
            )
            if won == 1:
                return ScoreVersion.objects.select_related("score").get(pk=version_id)
    return None
