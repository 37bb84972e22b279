"""The rules of a logbook entry (`sync_data` rows of type `logbook_entry`, reference §7.1):
how one is stored, and how one is read.

Writing: `logbook_entry_clean` checks the known fields of an entry a device pushes (time,
duration, type and mood enums, pieces) and normalises piece ids and `scoreId` (reference §7.3);
every other field is kept exactly. Registered with sync (`RepertoireConfig.ready`), it is the
one rule for pushes and for the server's own writes.

Reading: `data` is client-owned JSON and older clients sent variants (epoch ms or ISO
timestamps, `goal_ids` for `goalIds`), so every reader (practice analytics, export, pieces,
progress, recommendations) goes through `parse_entry`, which never raises: a malformed field
reads as absent instead of failing a report. Numbers are read within the bounds a push accepts,
so a reader never counts what a push would refuse.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from mirubato.timestamps import MAX_EPOCH_MS, epoch_ms
from scores import selectors as scores
from sync.services import FieldError

# A musician's logbook names the same few pieces again and again: normalising each distinct
# id once keeps a 10,000-entry report cheap.
normalize_score_id = lru_cache(maxsize=16384)(scores.normalize_score_id)
score_id_for = lru_cache(maxsize=16384)(scores.score_id_for)

LOGBOOK_ENTRY = "logbook_entry"
LOGBOOK_TYPES = ("practice", "performance", "lesson", "rehearsal", "technique", "status_change")
MOODS = ("frustrated", "neutral", "satisfied", "excited")
MAX_DURATION_MINUTES = 1440
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
        return scores.is_catalogue_id(self.id)


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


# --- Writing: an entry as stored ----------------------------------------------------------


def _enum(data: dict[str, Any], field: str, choices: tuple[str, ...], *, required: bool) -> None:
    value = data.get(field)
    if value is None and not required:
        return
    if not isinstance(value, str) or value.lower() not in choices:
        raise FieldError(field, f"Must be one of: {', '.join(choices)}.")
    data[field] = value.lower()


def _clean_piece(piece: Any, position: int) -> dict[str, Any]:
    field = f"pieces[{position}]"
    if not isinstance(piece, dict):
        raise FieldError(field, "Must be an object.")
    title, composer = piece.get("title"), piece.get("composer")
    if not isinstance(title, str) or not title.strip():
        raise FieldError(f"{field}.title", "A piece needs a title.")
    if composer is not None and not isinstance(composer, str):
        raise FieldError(f"{field}.composer", "Must be a string or null.")
    piece = dict(piece)
    score_id = piece.get("id")
    if score_id is not None and not isinstance(score_id, str):
        raise FieldError(f"{field}.id", "Must be a string.")
    piece["id"] = normalize_score_id(score_id) if score_id else score_id_for(title, composer)
    return piece


def _clean_score_link(data: dict[str, Any]) -> None:
    score_id, title = data.get("scoreId"), data.get("scoreTitle")
    if score_id is not None and not isinstance(score_id, str):
        raise FieldError("scoreId", "Must be a string.")
    if score_id:
        data["scoreId"] = normalize_score_id(score_id)
    elif score_id is None and isinstance(title, str) and title.strip():
        composer = data.get("scoreComposer")
        data["scoreId"] = score_id_for(title, composer if isinstance(composer, str) else None)


def logbook_entry_clean(data: dict[str, Any]) -> dict[str, Any]:
    """A logbook entry as stored: checked known fields, enums lowercased, score ids
    normalised, every other field exactly as sent."""
    data = dict(data)
    if "timestamp" not in data or epoch_ms(data["timestamp"]) is None:
        raise FieldError("timestamp", "Required: an ISO 8601 time with offset, or epoch ms.")
    duration = data.get("duration")
    if isinstance(duration, bool) or not isinstance(duration, int | float):
        raise FieldError("duration", "Required: minutes, a number from 0 to 1440.")
    if not 0 <= duration <= MAX_DURATION_MINUTES:
        raise FieldError("duration", "Must be between 0 and 1440 minutes.")
    _enum(data, "type", LOGBOOK_TYPES, required=True)
    _enum(data, "mood", MOODS, required=False)
    if isinstance(data.get("instrument"), str):
        data["instrument"] = data["instrument"].lower()
    pieces = data.get("pieces")
    if pieces is not None:
        if not isinstance(pieces, list):
            raise FieldError("pieces", "Must be a list.")
        data["pieces"] = [_clean_piece(piece, position) for position, piece in enumerate(pieces)]
    _clean_score_link(data)
    return data
