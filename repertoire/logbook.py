"""Reading the client's logbook entries (`sync_data` rows of type `logbook_entry`).

`data` is client-owned JSON (reference §7.1) and older clients sent variants (epoch ms or ISO
timestamps, `goal_ids` for `goalIds`), so every reader (practice analytics, export, pieces,
progress, recommendations) goes through `parse_entry`, which never raises: a malformed field
reads as absent instead of failing a report. Numbers are read within the bounds a push accepts
(`sync.validation`), so a reader never counts what a push would refuse.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from scores import score_ids
from sync.validation import MAX_DURATION_MINUTES, MAX_EPOCH_MS

# A musician's logbook names the same few pieces again and again: normalising each distinct
# id once keeps a 10,000-entry report cheap.
normalize_score_id = lru_cache(maxsize=16384)(score_ids.normalize_score_id)
score_id_for = lru_cache(maxsize=16384)(score_ids.score_id_for)

LOGBOOK_ENTRY = "logbook_entry"
# Entries of this type record a repertoire status change, not time at the instrument.
STATUS_CHANGE = "status_change"
MAX_TEMPO = 400  # beats per minute; a larger number is not a tempo
MAX_ACCURACY = 100  # percent
# A time counts from the push's earliest (epoch 0) to the start of year 9999: a push accepts
# ISO times up to 9999-12-31, but that moment in a zone east of UTC, or the week or month
# after it, is past what a datetime holds, and every calendar report would fail on it.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 1, 1, tzinfo=UTC)


# Not frozen: a report builds 10,000 of each, and frozen dataclasses cost twice as much to build
# (measured for bench/bench_progress.py). Nothing mutates them after `parse_entry`.
@dataclass(slots=True)
class Piece:
    id: str  # normalised score id: the piece's own, else derived from title and composer
    title: str
    composer: str
    has_own_id: bool
    tempo: float | None = None  # beats per minute the client logged for this piece

    @property
    def is_catalogue(self) -> bool:
        return score_ids.is_catalogue_id(self.id)


@dataclass(slots=True)
class Entry:
    entity_id: str
    at: datetime | None  # when the practice happened (UTC); None if the entry has no valid time
    minutes: float
    type: str
    instrument: str
    mood: str
    notes: str
    pieces: tuple[Piece, ...]  # the listed pieces, else the score the entry links (if titled)
    goal_ids: frozenset[str]
    score_id: str  # normalised top-level link to the scorebook, or ""
    data: dict[str, Any]
    techniques: tuple[str, ...] = ()  # lowercased, distinct, in order
    accuracy: float | None = None  # percent, 0..100 (`metadata.accuracy`)
    score_piece: Piece | None = None  # the score `scoreId`/`scoreTitle` name, as a piece

    @property
    def is_practice(self) -> bool:
        return self.type != STATUS_CHANGE

    @property
    def practised_pieces(self) -> tuple[Piece, ...]:
        """The pieces progress counts the entry's time for: the listed ones, plus the score
        its `scoreId` links when no listed piece is that score (docs/progress.md)."""
        link = self.score_piece
        if link is None or not link.has_own_id or any(p.id == link.id for p in self.pieces):
            return self.pieces
        return (*self.pieces, link)

    @property
    def catalogue_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.practised_pieces if p.is_catalogue)

    def minutes_of(self, piece_id: str) -> float:
        """An entry's minutes are split equally among its (practised) pieces."""
        pieces = self.practised_pieces
        if not pieces:
            return 0.0
        return self.minutes * sum(p.id == piece_id for p in pieces) / len(pieces)

    def links(self, score_id: str) -> bool:
        """True when the entry is linked to `score_id` by its `scoreId` or a piece's own id."""
        return self.score_id == score_id or any(
            p.has_own_id and p.id == score_id for p in self.pieces
        )


def parse_time(value: Any) -> datetime | None:
    """An ISO-8601 string or epoch milliseconds, as an aware UTC datetime; None outside
    `EARLIEST`..`LATEST`."""
    moment = _parse_time(value)
    return moment if moment is not None and EARLIEST <= moment < LATEST else None


def _parse_time(value: Any) -> datetime | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not 0 <= value <= MAX_EPOCH_MS:  # also refuses NaN; the push's bounds
            return None
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed if parsed.tzinfo is UTC else parsed.astimezone(UTC)
    return None


def _number(value: Any, low: float, high: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and low <= value <= high else None


def _minutes(value: Any) -> float:
    return _number(value, 0, MAX_DURATION_MINUTES) or 0.0


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _piece(raw: Any) -> Piece | None:
    if not isinstance(raw, dict):
        return None
    title, composer = _text(raw.get("title")), _text(raw.get("composer"))
    own_id = normalize_score_id(raw["id"]) if isinstance(raw.get("id"), str) else ""
    if not title and not own_id:
        return None
    tempo = _number(raw.get("tempo"), 1, MAX_TEMPO)
    return Piece(own_id or score_id_for(title, composer), title, composer, bool(own_id), tempo)


def _score_piece(data: dict[str, Any]) -> Piece | None:
    """The score an entry's top-level `scoreId` (else `scoreTitle`) names; untitled, a linked
    score is shown by its id."""
    title, composer = _text(data.get("scoreTitle")), _text(data.get("scoreComposer"))
    own_id = normalize_score_id(_text(data.get("scoreId")))
    if not own_id and not title:
        return None
    return Piece(own_id or score_id_for(title, composer), title or own_id, composer, bool(own_id))


def _pieces(data: dict[str, Any], score_piece: Piece | None) -> tuple[Piece, ...]:
    raw = data.get("pieces")
    pieces = [p for p in map(_piece, raw if isinstance(raw, list) else ()) if p]
    if not pieces and score_piece and _text(data.get("scoreTitle")):
        return (score_piece,)
    return tuple(pieces)


def _techniques(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list):
        return ()
    names = (_text(t).lower() for t in raw)
    return tuple(dict.fromkeys(name for name in names if name))  # distinct, in order


def _accuracy(data: dict[str, Any]) -> float | None:
    metadata = data.get("metadata")
    return (
        _number(metadata.get("accuracy"), 0, MAX_ACCURACY) if isinstance(metadata, dict) else None
    )


def _goal_ids(data: dict[str, Any]) -> frozenset[str]:
    ids: set[str] = set()
    for key in ("goalIds", "goal_ids"):  # the original server renamed one to the other
        raw = data.get(key)
        ids.update(g for g in (raw if isinstance(raw, list) else ()) if isinstance(g, str))
    return frozenset(ids)


def parse_entry(entity_id: str, data: Any) -> Entry:
    if not isinstance(data, dict):
        data = {}
    score_id = data.get("scoreId")
    score_piece = _score_piece(data)
    return Entry(
        entity_id=entity_id,
        at=parse_time(data.get("timestamp")),
        minutes=_minutes(data.get("duration")),
        type=_text(data.get("type")).lower(),
        instrument=_text(data.get("instrument")).lower(),
        mood=_text(data.get("mood")).lower(),
        notes=data["notes"] if isinstance(data.get("notes"), str) else "",
        pieces=_pieces(data, score_piece),
        goal_ids=_goal_ids(data),
        score_id=normalize_score_id(score_id) if isinstance(score_id, str) else "",
        data=data,
        techniques=_techniques(data.get("techniques")),
        accuracy=_accuracy(data),
        score_piece=score_piece,
    )


def parse_entries(rows: Iterable[tuple[str, Any]]) -> Iterator[Entry]:
    return (parse_entry(entity_id, data) for entity_id, data in rows)
