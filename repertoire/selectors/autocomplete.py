"""Autocomplete of composers and pieces from the user's own logbook and the catalogue they
can see. Composer names are canonicalised the way the scorebook does it ("J.S. Bach" and
"Bach BWV 846" are both "Johann Sebastian Bach"); matching ignores case and accents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from repertoire.selectors.logbook import logbook_entries
from scores.selectors import (
    canonical_composer,
    catalogue_titles_matching,
    composers_visible,
    fold,
    strip_catalogue_numbers,
)

if TYPE_CHECKING:
    from accounts.models import User

MIN_QUERY = 2
CATALOGUE_CANDIDATES = 200


@lru_cache(maxsize=4096)
def _canonical(name: str) -> str:
    return canonical_composer(name) if name.strip() else ""


def _rank(label: str, query: str) -> tuple[int, str] | None:
    """Prefix matches (of the name or any of its words) before substring matches; None if
    the folded query is not in the folded label at all."""
    folded = fold(label)
    if query not in folded:
        return None
    word_start = folded.startswith(query) or f" {query}" in folded
    return (0 if word_start else 1, folded)


def composers_matching(*, user: User, q: str, limit: int) -> tuple[list[dict[str, str]], int]:
    query = fold(strip_catalogue_numbers(q))
    if len(query) < MIN_QUERY:
        return [], 0
    names = {p.composer for e in logbook_entries(user=user) for p in e.pieces if p.composer}
    names.update(composers_visible(user=user))
    ranked = {}
    for name in {_canonical(n) for n in names} - {""}:
        if (rank := _rank(name, query)) is not None:
            ranked[name] = rank
    ordered = sorted(ranked, key=ranked.__getitem__)
    return [{"value": n, "label": n} for n in ordered[:limit]], len(ordered)


@dataclass(frozen=True)
class _Piece:
    title: str
    composer: str
    source: str
    score_id: str = ""
    grade_level: str = ""
    instrument: str = ""


def _logbook_pieces(user: User) -> Iterable[_Piece]:
    for entry in logbook_entries(user=user):
        for piece in entry.pieces:
            if piece.title:
                yield _Piece(piece.title, _canonical(piece.composer), "logbook", piece.id)


def _catalogue_pieces(user: User, query: str) -> Iterable[_Piece]:
    # Matched on the scorebook's folded titles: accent- and case-insensitive anywhere.
    rows = catalogue_titles_matching(user=user, query=query, limit=CATALOGUE_CANDIDATES)
    for score_id, title, composer, grade, instrument in rows:
        yield _Piece(title, _canonical(composer), "catalogue", score_id, grade, instrument)


def _piece_result(piece: _Piece) -> dict[str, Any]:
    label = f"{piece.title} — {piece.composer}" if piece.composer else piece.title
    metadata = {
        "composer": piece.composer,
        "score_id": piece.score_id,
        "source": piece.source,
        "grade_level": piece.grade_level,
        "instrument": piece.instrument,
    }
    return {"value": piece.title, "label": label, "metadata": metadata}


def pieces_matching(
    *, user: User, q: str, composer: str | None, limit: int
) -> tuple[list[dict[str, Any]], int]:
    """Pieces whose title matches `q` (and whose composer is `composer`, canonicalised). One
    result per piece (same title and composer, ignoring accents and case); the catalogue's
    entry is preferred over a logbook mention of the same piece."""
    query = fold(q)
    if len(query) < MIN_QUERY:
        return [], 0
    wanted_composer = _canonical(composer) if composer else ""
    found: dict[str, tuple[tuple[int, str], _Piece]] = {}
    for piece in [*_catalogue_pieces(user, query), *_logbook_pieces(user)]:
        rank = _rank(piece.title, query)
        if rank is None or (wanted_composer and piece.composer != wanted_composer):
            continue
        found.setdefault(fold(f"{piece.title}|{piece.composer}"), (rank, piece))
    ordered = sorted(found.values(), key=lambda pair: pair[0])
    return [_piece_result(piece) for _, piece in ordered[:limit]], len(ordered)
