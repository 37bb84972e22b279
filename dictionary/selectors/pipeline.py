"""Reads of the growth pipeline: today's token budget and the queue items ready to run."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from dictionary.models import DB, AiTokenUsage, QueueStatus, SeedQueue


@dataclass(frozen=True)
class BudgetStatus:
    used: int
    budget: int
    estimate: int

    @property
    def allows_call(self) -> bool:
        """A call may start only if its estimated cost still fits in today's budget."""
        return self.used + self.estimate <= self.budget


def budget_status() -> BudgetStatus:
    used = (
        AiTokenUsage.objects.using(DB)
        .filter(date=timezone.now().date())
        .aggregate(total=Sum("tokens_used"))["total"]
    )
    return BudgetStatus(
        used=used or 0,
        budget=settings.DICTIONARY_DAILY_TOKEN_BUDGET,
        estimate=settings.DICTIONARY_TOKENS_PER_CALL_ESTIMATE,
    )


def ready_items() -> QuerySet[SeedQueue]:
    """Pending items whose backoff (if any) has passed."""
    now = timezone.now()
    return SeedQueue.objects.using(DB).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now), status=QueueStatus.PENDING
    )


def seed_queue_ready(*, limit: int) -> list[SeedQueue]:
    """What a run would claim next, highest priority first (the command's dry run)."""
    return list(ready_items().order_by("-priority", "created_at")[:limit])
