"""What every lookup and search leaves behind: one search_analytics row, and for a miss the
demand it adds to the seed queue. Writes of more than one statement run in one transaction on
the `dictionary` alias; the rows go in through `mirubato.rows.insert_rows`, since this write is
on every lookup's path (the ORM's create cost more than the INSERT).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from dictionary.models import DB, SearchAnalytics
from dictionary.selectors.fuzzy import is_near_duplicate
from dictionary.services.pipeline.queue import seed_demand
from mirubato.rows import insert_rows

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
    """One search_analytics row per lookup or search, found or not (one INSERT: atomic as it
    stands)."""
    row = _analytics_row(lookup, found=found, entry_id=entry_id, result_lang=result_lang)
    insert_rows(SearchAnalytics, [row], using=DB)


def _analytics_row(
    lookup: Lookup, *, found: bool, entry_id: str | None, result_lang: str
) -> SearchAnalytics:
    return SearchAnalytics(
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


def _queueable(key: str, near: list[str]) -> bool:
    return len(key) in QUEUEABLE_LENGTH and not is_near_duplicate(key, near)


def miss_record(*, lookup: Lookup, key: str, type_hint: str = "", near: list[str]) -> bool:
    """Record a miss and queue the term once (more demand raises its priority). A term that
    is a near-duplicate of an existing one (a typo) is recorded but not queued. Returns
    whether the term is (now) in the queue."""
    queue = _queueable(key, near)
    row = _analytics_row(lookup, found=False, entry_id=None, result_lang="")
    with transaction.atomic(using=DB):
        insert_rows(SearchAnalytics, [row], using=DB)
        if queue:
            seed_demand(term=lookup.term.strip(), lang=lookup.lang, type_hint=type_hint)
    return queue


def search_outcome_record(
    *, lookup: Lookup, total: int, first: dict[str, Any] | None, type_hint: str
) -> None:
    """A search that found something is recorded with its first item; one that found nothing
    at all is a miss, and queues its key (`lookup.normalized`)."""
    if not total:
        miss_record(lookup=lookup, key=lookup.normalized, type_hint=type_hint, near=[])
        return
    search_record(
        lookup=lookup,
        found=True,
        entry_id=first["id"] if first else None,
        result_lang=first["lang"] if first else "",
    )


def batch_record(
    *, found: list[tuple[Lookup, str]], misses: list[tuple[Lookup, str, list[str]]]
) -> list[bool]:
    """A batch lookup's analytics and queued misses, in one transaction."""
    queued = [_queueable(key, near) for _, key, near in misses]
    rows = [
        *(
            _analytics_row(lookup, found=True, entry_id=e, result_lang=lookup.lang)
            for lookup, e in found
        ),
        *(
            _analytics_row(lookup, found=False, entry_id=None, result_lang="")
            for lookup, _, _ in misses
        ),
    ]
    with transaction.atomic(using=DB):
        insert_rows(SearchAnalytics, rows, using=DB)
        for (lookup, _, _), queue in zip(misses, queued, strict=True):
            if queue:
                seed_demand(term=lookup.term.strip(), lang=lookup.lang, type_hint="")
    return queued
