"""The seed queue: terms entering it (seed list, demand from misses), claims by runners, and
what happened to each item.

Claiming is safe for several runners at once: on PostgreSQL the candidate row is locked with
`SKIP LOCKED`; on every database the claim itself is a conditional UPDATE (pending ->
processing) that only one runner can win.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest, Least
from django.utils import timezone

from dictionary.models import (
    DB,
    DeadLetter,
    DictionaryEntry,
    QueueSource,
    QueueStatus,
    RecoveryAction,
    RecoveryHistory,
    SeedQueue,
)
from dictionary.normalize import normalize_term
from dictionary.selectors.pipeline import ready_items

CLAIM_TRIES = 5
# A miss starts at this priority and gains one step per MISS_STEP further misses.
MISS_BASE_PRIORITY = 3
MISS_STEP = 3
MAX_PRIORITY = 10


def seed_enqueue(
    *, term: str, lang: str, priority: int, type_hint: str = "", source: str = QueueSource.SEED
) -> bool:
    """Queue a term for writing unless it is already an entry or in the queue."""
    normalized = normalize_term(term)
    with transaction.atomic(using=DB):
        if DictionaryEntry.objects.using(DB).filter(normalized_term=normalized, lang=lang).exists():
            return False
        _, created = SeedQueue.objects.using(DB).get_or_create(
            normalized_term=normalized,
            lang=lang,
            defaults={
                "term": term,
                "type_hint": type_hint,
                "priority": max(1, min(MAX_PRIORITY, priority)),
                "source": source,
                "status": QueueStatus.PENDING,
            },
        )
    return created


def seed_demand(*, term: str, lang: str, type_hint: str) -> None:
    """One more miss for a term: queue it once, then raise its demand and with it its
    priority (never lowered). Call inside the writing transaction."""
    normalized = normalize_term(term)
    grown = Least(
        Value(MAX_PRIORITY), Value(MISS_BASE_PRIORITY) + (F("demand") + 1) / Value(MISS_STEP)
    )
    bump = {"demand": F("demand") + 1, "priority": Greatest(F("priority"), grown)}
    queued = SeedQueue.objects.using(DB).filter(normalized_term=normalized, lang=lang)
    if queued.update(**bump, updated_at=timezone.now()):
        return
    try:
        with transaction.atomic(using=DB):  # savepoint: a concurrent insert may win
            SeedQueue.objects.using(DB).create(
                term=term,
                normalized_term=normalized,
                lang=lang,
                type_hint=type_hint,
                demand=1,
                priority=MISS_BASE_PRIORITY,
                source=QueueSource.MISS,
            )
    except IntegrityError:
        queued.update(**bump, updated_at=timezone.now())


def history(item: SeedQueue, *, run_id: str, action: str, kind: str = "", detail: str = "") -> None:
    RecoveryHistory.objects.using(DB).create(
        run_id=run_id,
        queue_item_id=item.id,
        term=item.term,
        action=action,
        error_kind=kind,
        detail=detail[:2000],
    )


def seed_claim_next(*, run_id: str) -> SeedQueue | None:
    """The highest-priority ready item, now `processing` and owned by this run."""
    for _ in range(CLAIM_TRIES):
        with transaction.atomic(using=DB):
            candidates = ready_items().order_by("-priority", "created_at", "id")
            if connections[DB].features.has_select_for_update_skip_locked:
                candidates = candidates.select_for_update(skip_locked=True)
            item = candidates.first()
            if item is None:
                return None
            won = (
                SeedQueue.objects.using(DB)
                .filter(pk=item.pk, status=QueueStatus.PENDING)
                .update(
                    status=QueueStatus.PROCESSING,
                    claimed_at=timezone.now(),
                    claimed_by=run_id,
                    attempts=F("attempts") + 1,
                    updated_at=timezone.now(),
                )
            )
            if won:
                item.refresh_from_db(using=DB)
                history(item, run_id=run_id, action=RecoveryAction.CLAIMED)
                return item
    return None


def seed_reset_stale(*, run_id: str) -> int:
    """Hand out again items a crashed runner left `processing` for too long."""
    limit = timezone.now() - timedelta(minutes=settings.DICTIONARY_STALE_CLAIM_MINUTES)
    reset = 0
    stale = SeedQueue.objects.using(DB).filter(status=QueueStatus.PROCESSING, claimed_at__lt=limit)
    for item in stale.only("id", "term"):
        with transaction.atomic(using=DB):
            moved = (
                SeedQueue.objects.using(DB)
                .filter(pk=item.pk, status=QueueStatus.PROCESSING, claimed_at__lt=limit)
                .update(status=QueueStatus.PENDING, claimed_by="", updated_at=timezone.now())
            )
            if moved:
                history(item, run_id=run_id, action=RecoveryAction.RESET_STALE)
                reset += moved
    return reset


def item_finish(
    item: SeedQueue, *, run_id: str, status: str, action: str, detail: str = ""
) -> None:
    with transaction.atomic(using=DB):
        SeedQueue.objects.using(DB).filter(pk=item.pk).update(
            status=status,
            completed_at=timezone.now() if status == QueueStatus.COMPLETED else None,
            claimed_by="",
            last_error="",
            updated_at=timezone.now(),
        )
        history(item, run_id=run_id, action=action, detail=detail)


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff: base, 2x base, 4x base... capped."""
    seconds = settings.DICTIONARY_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, settings.DICTIONARY_RETRY_MAX_SECONDS))


def item_fail(item: SeedQueue, *, run_id: str, kind: str, message: str) -> str:
    """Schedule a retry with backoff, or after the last attempt move the item to the dead
    letter queue. Returns the action taken."""
    with transaction.atomic(using=DB):
        if item.attempts >= settings.DICTIONARY_MAX_ATTEMPTS:
            _dead_letter(item, kind=kind, message=message)
            action = RecoveryAction.MOVED_TO_DLQ
        else:
            SeedQueue.objects.using(DB).filter(pk=item.pk).update(
                status=QueueStatus.PENDING,
                next_attempt_at=timezone.now() + retry_delay(item.attempts),
                last_error=f"{kind}: {message}"[:2000],
                claimed_by="",
                updated_at=timezone.now(),
            )
            action = RecoveryAction.RETRY_SCHEDULED
        history(item, run_id=run_id, action=action, kind=kind, detail=message)
    return action


def _dead_letter(item: SeedQueue, *, kind: str, message: str) -> None:
    SeedQueue.objects.using(DB).filter(pk=item.pk).update(
        status=QueueStatus.DEAD,
        last_error=f"{kind}: {message}"[:2000],
        claimed_by="",
        updated_at=timezone.now(),
    )
    DeadLetter.objects.using(DB).update_or_create(
        original_id=item.id,
        defaults={
            "term": item.term,
            "lang": item.lang,
            "priority": item.priority,
            "attempts": item.attempts,
            "failure_kind": kind,
            "failure_reason": message[:2000],
            "original_created_at": item.created_at,
            "moved_to_dlq_at": timezone.now(),
        },
    )
