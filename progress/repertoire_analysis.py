"""Repertoire analysis (`GET /api/analytics/repertoire`): where the practice time went, piece
by piece and composer by composer, beside the repertoire's statuses. Pure functions; time per
piece is the one per-piece rule (`analytics.piece_rows`: a log's minutes split equally among
its pieces, each piece named as in its latest log)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from statistics import fmean
from typing import TYPE_CHECKING, Any

from progress.analytics import Tally, piece_rows

if TYPE_CHECKING:
    from progress.achievements import RepertoireFact
    from repertoire.selectors import Entry


@dataclass
class _PieceFacts:
    first: datetime | None = None
    last: datetime | None = None
    ratings: list[int] = field(default_factory=list)
    accuracies: list[float] = field(default_factory=list)
    best_tempo: float | None = None
    target_tempo: float | None = None

    def add(self, entry: Entry, tempo: float | None) -> None:
        self.first = self.first or entry.at
        self.last = entry.at
        if entry.self_rating is not None:
            self.ratings.append(entry.self_rating)
        if entry.accuracy is not None:
            self.accuracies.append(entry.accuracy)
        if tempo is not None:
            self.best_tempo = max(self.best_tempo or 0.0, tempo)
        self.target_tempo = entry.target_tempo or self.target_tempo


def _mean(values: list[float]) -> float | None:
    return round(fmean(values), 2) if values else None


def _facts(practices: Iterable[Entry]) -> dict[str, _PieceFacts]:
    found: dict[str, _PieceFacts] = defaultdict(_PieceFacts)
    for entry in practices:  # oldest first
        for piece in entry.practised_pieces:
            found[piece.id].add(entry, entry.tempo_of(piece))
    return found


def piece_analysis(practices: list[Entry], statuses: dict[str, str]) -> list[dict[str, Any]]:
    """Every piece practised, most minutes first, with its dates, ratings, accuracy, tempi and
    repertoire status."""
    facts = _facts(practices)
    rows = []
    for row in piece_rows(practices):
        piece = facts[row["piece_id"]]
        rows.append(
            row
            | {
                "first_practiced_at": piece.first,
                "last_practiced_at": piece.last,
                "average_rating": _mean(piece.ratings),
                "average_accuracy": _mean(piece.accuracies),
                "best_tempo": piece.best_tempo,
                "target_tempo": piece.target_tempo,
                "repertoire_status": statuses.get(row["piece_id"]),
            }
        )
    return rows


def composer_rows(
    pieces: list[dict[str, Any]], canonical: Callable[[str], str]
) -> list[dict[str, Any]]:
    """Minutes, logs and pieces per composer (canonical names: J.S. Bach and Bach are one)."""
    tally, counted = Tally(), defaultdict(int)
    for row in pieces:
        name = canonical(row["composer"]) if row["composer"] else "unknown"
        tally.minutes[name] += row["minutes"]
        tally.entries[name] += row["entries"]
        counted[name] += 1
    return [row | {"pieces": counted[row["composer"]]} for row in tally.rows("composer")]


def status_counts(
    repertoire: Iterable[RepertoireFact], statuses: tuple[str, ...]
) -> list[dict[str, Any]]:
    counts = defaultdict(int)
    for item in repertoire:
        counts[item.status] += 1
    return [{"repertoire_status": status, "items": counts[status]} for status in statuses]
