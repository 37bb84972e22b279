"""The logbook as practice records: one `Practice` per live logbook entry that can be placed in
time. Entries are client JSON (reference §7.1), validated on push; this reader still never
raises, so an odd old entry reads as absent fields instead of failing a page.

`status_change` entries record a repertoire status change, not time at the instrument, and
are left out of every progress figure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from scores.score_ids import is_catalogue_id, score_id_for
from sync.validation import epoch_ms

LOGBOOK_ENTRY = "logbook_entry"
NOT_PRACTICE = frozenset({"status_change"})
UNSPECIFIED = "unspecified"
MAX_TEMPO = 400  # beats per minute; a larger number is not a tempo


@dataclass(slots=True)  # not frozen: building 10,000 frozen ones costs twice as much
class PieceRef:
    id: str  # normalised score id: a catalogue `score_...` id or a free `title-composer` id
    title: str
    composer: str
    tempo: float | None

    @property
    def is_catalogue(self) -> bool:
        return is_catalogue_id(self.id)


@dataclass(slots=True)  # not frozen: building 10,000 frozen ones costs twice as much
class Practice:
    entry_id: str
    at: datetime  # when it happened, UTC
    minutes: float
    type: str
    instrument: str
    techniques: tuple[str, ...]
    pieces: tuple[PieceRef, ...]
    accuracy: float | None  # percent, 0..100
    mood: str

    @property
    def catalogue_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.pieces if p.is_catalogue)

    def minutes_of(self, piece_id: str) -> float:
        """An entry's minutes are split equally among its pieces."""
        if not self.pieces:
            return 0.0
        return self.minutes * sum(p.id == piece_id for p in self.pieces) / len(self.pieces)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _number(value: Any, low: float, high: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and low <= value <= high else None


def _piece(raw: Any) -> PieceRef | None:
    if not isinstance(raw, dict):
        return None
    title, composer = _text(raw.get("title")), _text(raw.get("composer"))
    own = _text(raw.get("id"))
    if not title and not own:
        return None
    # Ids are normalised when an entry is pushed (sync.validation); only a piece stored
    # without one needs its id derived here.
    piece_id = own or score_id_for(title, composer)
    return PieceRef(piece_id, title, composer, _number(raw.get("tempo"), 1, MAX_TEMPO))


def _techniques(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list):
        return ()
    names = (_text(t).lower() for t in raw)
    return tuple(dict.fromkeys(name for name in names if name))  # distinct, in order


def _accuracy(data: dict[str, Any]) -> float | None:
    metadata = data.get("metadata")
    return _number(metadata.get("accuracy"), 0, 100) if isinstance(metadata, dict) else None


def _with_score_link(pieces: list[PieceRef], data: dict[str, Any]) -> list[PieceRef]:
    """An entry's `scoreId` link counts as one of its pieces when no piece already names it."""
    score_id = _text(data.get("scoreId"))  # normalised on push, like piece ids
    if not score_id or any(p.id == score_id for p in pieces):
        return pieces
    title = _text(data.get("scoreTitle")) or score_id
    return [*pieces, PieceRef(score_id, title, _text(data.get("scoreComposer")), None)]


def parse_practice(entity_id: str, data: Any) -> Practice | None:
    """The practice an entry records, or None (not an object, no valid time, not practice)."""
    if not isinstance(data, dict):
        return None
    kind = _text(data.get("type")).lower()
    ms = epoch_ms(data.get("timestamp"))
    if ms is None or kind in NOT_PRACTICE:
        return None
    raw_pieces = data.get("pieces")
    pieces = [p for p in map(_piece, raw_pieces if isinstance(raw_pieces, list) else ()) if p]
    return Practice(
        entry_id=entity_id,
        at=datetime.fromtimestamp(ms / 1000, tz=UTC),
        minutes=_number(data.get("duration"), 0, 1440) or 0.0,
        type=kind or "practice",
        instrument=_text(data.get("instrument")).lower() or UNSPECIFIED,
        techniques=_techniques(data.get("techniques")),
        pieces=tuple(_with_score_link(pieces, data)),
        accuracy=_accuracy(data),
        mood=_text(data.get("mood")).lower(),
    )


def parse_practices(rows: Iterable[tuple[str, Any]]) -> list[Practice]:
    """Practice records of `(entity_id, data)` rows, oldest first (ties by entry id, so the
    order, and every "first entry that..." answer, is the same on every read)."""
    practices = [p for p in (parse_practice(eid, data) for eid, data in rows) if p is not None]
    practices.sort(key=lambda p: (p.at, p.entry_id))
    return practices
