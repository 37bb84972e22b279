"""Typo tolerance: rapidfuzz over a bounded, cached candidate list per language.

The list holds (id, search_key, synonym_keys, type, score, popularity) of published entries,
built once per cache generation and kept both in the shared cache and in this process, so a
search never unpickles it more than once per edit. rapidfuzz scores ~10,000 short keys in a
millisecond or two; SQL never has to.
"""

from __future__ import annotations

from typing import NamedTuple

from rapidfuzz import fuzz, process

from dictionary import caching
from dictionary.models import Lang
from dictionary.selectors.entries import published

MIN_KEY_LENGTH = 3
# Similarity (0-100, rapidfuzz's normalised Indel ratio) a key needs to count as a typo match.
TYPO_CUTOFF = 80
# A miss this close to an existing key is taken for a typo of it, not a new term to write.
NEAR_DUPLICATE = 90
POOL_LIMIT = 50


class Candidate(NamedTuple):
    id: str
    key: str
    synonyms: str
    type: str
    score: int
    popularity: int


class FuzzyMatch(NamedTuple):
    candidate: Candidate
    similarity: float


class Pool(NamedTuple):
    """One language's candidates and their keys, in the same order (what rapidfuzz scores)."""

    candidates: list[Candidate]
    keys: list[str]


_local: dict[tuple[int, str], Pool] = {}


def candidates(lang: str) -> list[Candidate]:
    return _pool(lang).candidates


def _pool(lang: str) -> Pool:
    gen = caching.generation()
    local_key = (gen, lang)
    if local_key in _local:
        return _local[local_key]
    cached = caching.read("candidates", lang)
    gen, rows = cached.generation, cached.value
    if rows is None:
        rows = [tuple(c) for c in _load(lang)]
        caching.keep(cached, rows)
    if any(g != gen for g, _ in _local):
        _local.clear()  # an edit happened: older generations are dead
    found = [Candidate(*row) for row in rows]
    _local[local_key] = Pool(found, [c.key for c in found])
    return _local[local_key]


def _load(lang: str) -> list[Candidate]:
    rows = published(lang=lang).values_list(
        "id", "search_key", "synonym_keys", "type", "overall_score", "search_count"
    )
    return [Candidate(i, k, s, t, score or 0, pop) for i, k, s, t, score, pop in rows]


def typo_matches(
    key: str, *, langs: list[str] | None, type: str = "", exclude_substrings: bool = True
) -> list[FuzzyMatch]:
    """Entries whose key is close to `key`, best first (then quality, then popularity).

    With `exclude_substrings`, entries that SQL already matched (key or synonym containing
    `key`) are left out, so a search never lists an entry twice."""
    if len(key) < MIN_KEY_LENGTH:
        return []
    matches = []
    for lang in langs or Lang.values:
        # Every key at or above the cutoff (few), then the filters: cheaper than building a
        # filtered copy of the whole candidate list on each search.
        pool = _pool(lang)
        found = process.extract(
            key, pool.keys, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=None
        )
        for _, similarity, index in found:
            candidate = pool.candidates[index]
            if type and candidate.type != type:
                continue
            if exclude_substrings and (key in candidate.key or key in candidate.synonyms):
                continue
            matches.append(FuzzyMatch(candidate, similarity))
    matches.sort(key=lambda m: (-m.similarity, -m.candidate.score, -m.candidate.popularity))
    return matches[:POOL_LIMIT]


def is_near_duplicate(key: str, keys: list[str]) -> bool:
    return any(fuzz.ratio(key, other) >= NEAR_DUPLICATE for other in keys)
