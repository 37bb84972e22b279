"""Per-piece progress for catalogue pieces (docs/progress.md, "Per-piece progress"): how often
and how long each catalogue score was practised, best and average accuracy, best tempo, and
whether it is completed (polished in the repertoire). Pure functions over practice entries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from statistics import fmean
from typing import TYPE_CHECKING, Any

from progress.stats import minutes

if TYPE_CHECKING:
    from repertoire.selectors import Entry


@dataclass
class _Piece:
    score_id: str
    title: str = ""
    composer: str = ""
    times: int = 0
    minutes: float = 0.0
    first: datetime | None = None
    last: datetime | None = None
    accuracies: list[float] = field(default_factory=list)
    best_tempo: float | None = None

    def add(self, practice: Entry) -> None:
        self.times += 1
        self.minutes += practice.minutes_of(self.score_id)
        self.first = self.first or practice.at
        self.last = practice.at
        if practice.accuracy is not None:
            self.accuracies.append(practice.accuracy)
        for piece in practice.practised_pieces:
            if piece.id == self.score_id:
                self.title, self.composer = piece.title or self.title, piece.composer
                tempo = practice.tempo_of(piece)
                if tempo is not None:
                    self.best_tempo = max(self.best_tempo or 0.0, tempo)


def _collect(practices: Iterable[Entry]) -> dict[str, _Piece]:
    pieces: dict[str, _Piece] = {}
    for practice in practices:  # oldest first
        for score_id in practice.catalogue_ids:
            pieces.setdefault(score_id, _Piece(score_id)).add(practice)
    return pieces


def _row(piece: _Piece, status: str | None) -> dict[str, Any]:
    return {
        "score_id": piece.score_id,
        "title": piece.title,
        "composer": piece.composer,
        "times_practiced": piece.times,
        "total_minutes": minutes(piece.minutes),
        "first_practiced_at": piece.first,
        "last_practiced_at": piece.last,
        "best_accuracy": max(piece.accuracies, default=None),
        "average_accuracy": round(fmean(piece.accuracies), 2) if piece.accuracies else None,
        "best_tempo": piece.best_tempo,
        "repertoire_status": status,
        "completed": status == "polished",
    }


def pieces_progress(practices: Iterable[Entry], statuses: dict[str, str]) -> list[dict[str, Any]]:
    """Every catalogue piece practised, the most recently practised first."""
    pieces = sorted(_collect(practices).values(), key=lambda p: (p.last, p.score_id), reverse=True)
    return [_row(piece, statuses.get(piece.score_id)) for piece in pieces]


def piece_progress(
    practices: Iterable[Entry], statuses: dict[str, str], *, score_id: str
) -> dict[str, Any]:
    """One catalogue piece's progress (zeros when it was never practised)."""
    piece = _collect(p for p in practices if score_id in p.catalogue_ids).get(score_id)
    return _row(piece or _Piece(score_id), statuses.get(score_id))
