"""Writes for the public side: analytics, misses into the seed queue, feedback, entries.

Every write runs in one transaction on the `dictionary` alias.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F, Q, Value
from django.db.models.functions import Greatest, Least
from django.utils import timezone

from dictionary import caching, fuzzy
from dictionary.models import (
    DB,
    DictionaryEntry,
    EntrySource,
    EntryStatus,
    QueueSource,
    QueueStatus,
    SearchAnalytics,
    SeedQueue,
    UserFeedback,
)
from dictionary.normalize import normalize_term

# A miss starts at this priority and gains one step per MISS_STEP further misses.
MISS_BASE_PRIORITY = 3
MISS_STEP = 3
MAX_PRIORITY = 10
QUEUEABLE_LENGTH = range(2, 101)


@dataclass(frozen=True)
class Lookup:
    term: str
    normalized: str
    lang: str
    source: str
    user_id: str | None
    response_ms: int


def search_record(*, lookup: Lookup, found: bool, entry_id: str | None, result_lang: str) -> None:
    """One search_analytics row per lookup or search, found or not."""
    with transaction.atomic(using=DB):
        _analytics_row(lookup, found=found, entry_id=entry_id, result_lang=result_lang)


def _analytics_row(lookup: Lookup, *, found: bool, entry_id: str | None, result_lang: str) -> None:
    SearchAnalytics.objects.using(DB).create(
        term=lookup.term[:200],
        normalized_term=lookup.normalized[:200],
        found=found,
        entry_id=entry_id or "",
        result_lang=result_lang,
        search_lang=lookup.lang,
        source=lookup.source,
        user_id=lookup.user_id or "",
        response_time_ms=max(0, lookup.response_ms),
    )


def miss_record(*, lookup: Lookup, key: str, type_hint: str = "", near: list[str]) -> bool:
    """Record a miss and queue the term once (more demand raises its priority). A term that
    is a near-duplicate of an existing one (a typo) is recorded but not queued. Returns
    whether the term is (now) in the queue."""
    queue = len(key) in QUEUEABLE_LENGTH and not fuzzy.is_near_duplicate(key, near)
    with transaction.atomic(using=DB):
        _analytics_row(lookup, found=False, entry_id=None, result_lang="")
        if queue:
            _demand(term=lookup.term.strip(), lang=lookup.lang, type_hint=type_hint)
    return queue


def batch_record(
    *, found: list[tuple[Lookup, str]], misses: list[tuple[Lookup, str, list[str]]]
) -> list[bool]:
    """A batch lookup's analytics and queued misses, in one transaction."""
    queued = [
        len(key) in QUEUEABLE_LENGTH and not fuzzy.is_near_duplicate(key, near)
        for _, key, near in misses
    ]
    with transaction.atomic(using=DB):
        for lookup, entry_id in found:
            _analytics_row(lookup, found=True, entry_id=entry_id, result_lang=lookup.lang)
        for (lookup, _, _), queue in zip(misses, queued, strict=True):
            _analytics_row(lookup, found=False, entry_id=None, result_lang="")
            if queue:
                _demand(term=lookup.term.strip(), lang=lookup.lang, type_hint="")
    return queued


def _demand(*, term: str, lang: str, type_hint: str) -> None:
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
    caching.invalidate()


def entry_upsert(
    *,
    term: str,
    lang: str,
    type: str,
    content: dict[str, Any],
    overall_score: int | None,
    source: str = EntrySource.STAFF,
    status: str = EntryStatus.PUBLISHED,
) -> DictionaryEntry:
    """Create the entry for (term, lang), or replace the content of the one that exists
    (its id, feedback and popularity stay; its version goes up)."""
    with transaction.atomic(using=DB):
        entry = (
            DictionaryEntry.objects.using(DB)
            .select_for_update()
            .filter(normalized_term=normalize_term(term), lang=lang)
            .first()
        )
        if entry is None:
            entry = DictionaryEntry(lang=lang)
        else:
            entry.version += 1
        entry.term = term.strip()
        entry.type = type
        entry.definition = content.get("definition") or {}
        entry.references = content.get("references") or {}
        entry.metadata = content.get("metadata") or {}
        entry.quality = content.get("quality") or entry.quality or {}
        entry.overall_score = overall_score
        entry.source = source
        entry.status = status
        entry.updated_at = timezone.now()
        entry.save(using=DB)
    return entry
