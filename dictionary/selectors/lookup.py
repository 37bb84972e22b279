"""The hot lookup path: cached, pre-encoded response bodies keyed by (lang, type, term).

A cached body is the exact bytes the API sends, so a hit costs one cache read, a counter and
the analytics insert; a miss of the cache costs the lookup queries and one encoding. A batch
lookup reads rows (one query for every term), uncached.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dictionary import caching
from dictionary.normalize import normalize_term, search_key
from dictionary.payloads import entry_payload
from dictionary.selectors.entries import entries_by_key, entry_get, entry_lookup, entry_related
from mirubato.api.camel import camelize
from mirubato.api.errors import ApiError
from mirubato.api.renderers import dumps

RELATED_IN_LOOKUP = 5
MAX_TERM_LENGTH = 200


@dataclass(frozen=True)
class BatchTerm:
    """One term of a batch lookup: its keys and the best entry row (None for a miss)."""

    term: str
    normalized: str
    key: str
    entry: dict[str, Any] | None


def term_keys(raw: str) -> tuple[str, str]:
    """(normalized_term, search_key) of a typed term, or a 400 for an unusable one."""
    if len(raw) > MAX_TERM_LENGTH:
        raise ApiError(400, "invalid_term", f"A term is at most {MAX_TERM_LENGTH} characters.")
    normalized = normalize_term(raw)
    if not normalized or any(c in normalized for c in "\x00\r\n"):
        raise ApiError(400, "invalid_term", "The term is empty or holds control characters.")
    return normalized, search_key(normalized)


def entry_body(row: dict[str, Any]) -> bytes:
    related = entry_related(entry_id=row["id"], entry=row) or []  # row: a published entry
    return dumps(
        camelize({"entry": entry_payload(row), "related_terms": related[:RELATED_IN_LOOKUP]})
    )


def lookup_body(*, normalized: str, key: str, lang: str, type: str) -> tuple[str, bytes] | None:
    """(entry id, response body) for a term, from the cache when possible."""
    cached = caching.read("term", lang, type, normalized)
    if cached.value is not None:
        caching.count(hit=True)
        return cached.value
    caching.count(hit=False)
    row = entry_lookup(normalized=normalized, key=key, lang=lang, type=type)
    if row is None:
        return None
    found = (row["id"], entry_body(row))
    caching.keep(cached, found)
    return found


def id_body(*, entry_id: str) -> bytes | None:
    cached = caching.read("id", entry_id)
    if cached.value is not None:
        return cached.value
    row = entry_get(entry_id=entry_id)
    if row is None:
        return None
    body = entry_body(row)
    caching.keep(cached, body)
    return body


def batch_lookup(*, terms: list[str], lang: str, type: str) -> list[BatchTerm]:
    """Each distinct term once, in the order given (any unusable term is a 400 first)."""
    typed = {term: term_keys(term) for term in terms}
    entries = entries_by_key(keys=[key for _, key in typed.values()], lang=lang, type=type)
    return [
        BatchTerm(term=term, normalized=normalized, key=key, entry=entries.get(key))
        for term, (normalized, key) in typed.items()
    ]
