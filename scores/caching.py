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
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings

from mirubato.generations import Generation

DB = "scores"  # scores.models.DB: the models import this module, not the other way round
GENERATION = Generation("scores:catalogue:gen")
T = TypeVar("T")


def enabled() -> bool:
    return settings.SCORES_CATALOGUE_CACHE_SECONDS > 0


def catalogue_changed() -> None:
    """Every cached page is dead: now, and again once the writing transaction commits."""
    if enabled():
        GENERATION.bump_now_and_on_commit(using=DB)


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
    timeout = settings.SCORES_CATALOGUE_CACHE_SECONDS
    shared_key = _key("page", *parts)
    if not viewer:
        generation, fresh = GENERATION.read(shared_key)
        key = shared_key
    else:
        owns_key, own_key = _key("owns", viewer), _key("page", viewer, str(staff), *parts)
        generation, fresh = GENERATION.read(shared_key, owns_key, own_key)
        if staff:
            owns = True  # staff see others' private scores: never the shared page
        elif owns_key in fresh:
            owns = fresh[owns_key]
        else:
            owns = owns_scores()
            GENERATION.keep(owns_key, owns, generation=generation, timeout=timeout)
        key = own_key if owns else shared_key
    if key in fresh:
        return fresh[key]
    page = read()
    GENERATION.keep(key, page, generation=generation, timeout=timeout)
    return page
