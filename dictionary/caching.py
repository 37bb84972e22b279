"""Hot lookups through Django's cache (Redis when REDIS_URL is set, else local memory).

Plain cache plumbing, no database. Every value is stored beside the generation number it was
read under, kept in the cache itself, and is read back in the same round trip as the current
generation. Any write that changes what the public API shows (an entry saved or deleted,
feedback changing its aggregates) bumps the generation (`services.cache.cache_invalidate`), so
every process stops using the old values at once; they then expire by TTL. Edits are rare next to
reads, so one counter is simpler and safer than tracking which of many keys (term, id, type
filter, candidate lists) an edit touches.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from mirubato.generations import Generation

GENERATION_KEY = "dict:gen"
METRICS_PREFIX = "dict:metrics"
LOOKUP_CACHE = "lookup"


_GENERATION = Generation(GENERATION_KEY)


def generation() -> int:
    return _GENERATION.current()


def bump() -> None:
    """A new generation: every value kept before it is dead. Writers call
    `services.cache.cache_invalidate`, which also bumps once their transaction commits."""
    _GENERATION.bump()


def bump_now_and_on_commit(*, using: str) -> None:
    _GENERATION.bump_now_and_on_commit(using=using)


@dataclass(frozen=True)
class Cached:
    """What `read` found: the value for the current generation, or None."""

    key: str
    generation: int
    value: Any


def read(*parts: str) -> Cached:
    """The value cached under `parts`, if it was stored under the current generation; one
    round trip for both. Hand it to `keep` with what the database gave on a miss: it is
    stored under the generation read here, before the database, so a write in between
    leaves it dead (mirubato/generations.py)."""
    digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()
    cache_key = f"dict:value:{digest}"
    current, fresh = _GENERATION.read(cache_key)
    return Cached(cache_key, current, fresh.get(cache_key))


def keep(cached: Cached, value: Any, *, ttl: int | None = None) -> None:
    timeout = ttl or settings.DICTIONARY_CACHE_TTL
    _GENERATION.keep(cached.key, value, generation=cached.generation, timeout=timeout)


def count(*, hit: bool, cache_name: str = LOOKUP_CACHE) -> None:
    """Daily hit/miss counters, rolled up into cache_metrics by `dictionary_stats`."""
    counter = metrics_key(timezone.now().date(), cache_name, "hits" if hit else "misses")
    try:
        cache.incr(counter)
    except ValueError:
        if not cache.add(counter, 1, timeout=3 * 86400):
            cache.incr(counter)


def metrics_key(day: date, cache_name: str, field: str) -> str:
    return f"{METRICS_PREFIX}:{day.isoformat()}:{cache_name}:{field}"


def read_counters(day: date, cache_name: str = LOOKUP_CACHE) -> tuple[int, int]:
    values = cache.get_many([metrics_key(day, cache_name, f) for f in ("hits", "misses")])
    return (
        int(values.get(metrics_key(day, cache_name, "hits"), 0)),
        int(values.get(metrics_key(day, cache_name, "misses"), 0)),
    )
