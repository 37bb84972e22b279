"""Catalogue pages (list and text search) through Django's cache, dropped the moment any
score changes.

Plain cache plumbing, no database. Each page is stored beside the generation it was read
under, and every write to the scores table moves the generation (`catalogue_changed`, called
by `Score.save`/`delete` and by every bulk write of `ScoreQuerySet`), so the next read of any
page goes back to the database. Writes are rare next to catalogue reads, so one counter is
simpler and safer than working out which pages a change touches.

On only where every process shares the cache (`SCORES_CATALOGUE_CACHE_SECONDS`, on by default
with `REDIS_URL`): with per-process memory one worker would go on listing a score another
worker had just deleted, until its entry expired.

Who shares an entry: anonymous visitors and signed-in musicians who own no score see the
same pages (the visibility rule adds nothing for them, and no item is theirs), so they read
the same entries. An owner or a staff member reads entries of their own.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

DB = "scores"  # scores.models.DB: the models import this module, not the other way round
GENERATION_KEY = "scores:catalogue:gen"
_MISSING = object()
T = TypeVar("T")


def enabled() -> bool:
    return settings.SCORES_CATALOGUE_CACHE_SECONDS > 0


def catalogue_changed() -> None:
    """Every cached page is dead: now, and again once the writing transaction commits (a
    reader between the two could otherwise cache the rows as they were before it)."""
    if not enabled():
        return
    _bump()
    transaction.on_commit(_bump, using=DB)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there yet, or evicted: start from a number no old entry carries
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _key(*parts: str) -> str:
    return "scores:catalogue:" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def catalogue_page(
    *,
    parts: tuple[str, ...],
    viewer: str,
    staff: bool,
    owns_scores: Callable[[], bool],
    read: Callable[[], T],
) -> T:
    """`read()`, or what it returned for the same `parts` and the same kind of viewer since
    the catalogue last changed. `parts` must name everything the page depends on besides the
    viewer (filters, page, the shape of an item); `owns_scores` says whether `viewer` owns a
    score, asked at most once a generation. One cache round trip on a hit."""
    if not enabled():
        return read()
    shared_key = _key("page", *parts)
    keys = [GENERATION_KEY, shared_key]
    if viewer:
        owns_key, own_key = _key("owns", viewer), _key("page", viewer, str(staff), *parts)
        keys += [owns_key, own_key]
    found = cache.get_many(keys)
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # A fresh cache: a number no entry left from before an eviction can carry.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)

    def fresh(key: str) -> Any:
        entry = found.get(key)
        return entry[1] if entry is not None and entry[0] == generation else _MISSING

    def keep(key: str, value: Any) -> None:
        if generation is not None:
            cache.set(key, (generation, value), timeout=settings.SCORES_CATALOGUE_CACHE_SECONDS)

    key = shared_key
    if viewer:
        owns = True if staff else fresh(owns_key)
        if owns is _MISSING:
            owns = owns_scores()
            keep(owns_key, owns)
        key = own_key if owns else shared_key
    page = fresh(key)
    if page is _MISSING:
        page = read()
        keep(key, page)
    return page
