"""The rules of a logbook entry (`sync_data` rows of type `logbook_entry`, reference §7.1):
how one is stored, and how one is read.

Writing: `logbook_entry_clean` checks the known fields of an entry a device pushes (time,
duration, type and mood enums, pieces) and normalises piece ids and `scoreId` (reference §7.3);
every other field is kept exactly. Registered with sync (`RepertoireConfig.ready`), it is the
one rule for pushes and for the server's own writes.

The system design's practice-log fields are known fields too, stored where the entry already
had a place for them and at the top level otherwise (docs/repertoire.md, "Practice API"):
`activityType` (13 kinds), `sessionId`, `templateId`, `tempoPracticed`, `targetTempo`,
`selfRating` (1-10), `pieces[].section`; `metadata.accuracy`, `metadata.notesPlayed`,
`metadata.notesCorrect` and `metadata.focusAreas` (where the original client kept them).

Reading: `data` is client-owned JSON and older clients sent variants (epoch ms or ISO
timestamps, `goal_ids` for `goalIds`), so every reader (practice analytics, export, pieces,
progress, recommendations) goes through `parse_entry`, which never raises: a malformed field
reads as absent instead of failing a report. Numbers are read within the bounds a push accepts,
so a reader never counts what a push would refuse.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from mirubato.timestamps import MAX_EPOCH_MS, epoch_ms
from repertoire.entity_fields import (
    check_enum,
    check_labels,
    check_number,
    check_text,
    labels_of,
    number_in,
    text_of,
    whole_in,
)
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
# The system design's activity types (practice_logs.activity_type).
ACTIVITY_TYPES = (
    "sight_reading",
    "scales",
    "arpeggios",
    "etudes",
    "repertoire",
    "memorization",
    "slow_practice",
    "mental_practice",
    "ensemble_reading",
    "transposition",
    "score_reduction",
    "technique",
    "warm_up",
)
MIN_RATING, MAX_RATING = 1, 10  # self rating
MAX_NOTES = 1_000_000  # notes played in one log: far beyond any real one
MAX_LABELS = 50  # focus areas of one log
MAX_LABEL_LENGTH = 100
MAX_REF_LENGTH = 255  # a session or template id, as long as any entity id
MAX_SECTION_LENGTH = 500
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
    section: str = ""  # movement or section practised ("1st movement, bars 1-32")

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
    accuracy: float | None = None  # percent, 0..100 (`metadata.accuracy`, else from notes)
    score_piece: Piece | None = None  # the score `scoreId`/`scoreTitle` name, as a piece
    activity_type: str = ""  # one of ACTIVITY_TYPES, or ""
    session_id: str = ""
    template_id: str = ""
    tempo_practiced: float | None = None  # the log's own tempo (bpm)
    target_tempo: float | None = None
    self_rating: int | None = None  # 1..10
    focus_areas: tuple[str, ...] = ()
    notes_played: int | None = None
    notes_correct: int | None = None

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

    def tempo_of(self, piece: Piece) -> float | None:
        """A piece's tempo: its own, else the log's `tempoPracticed`."""
        return piece.tempo if piece.tempo is not None else self.tempo_practiced

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


def _minutes(value: Any) -> float:
    return number_in(value, 0, MAX_DURATION_MINUTES) or 0.0


def _piece(raw: Any) -> Piece | None:
    if not isinstance(raw, dict):
        return None
    title, composer = text_of(raw.get("title")), text_of(raw.get("composer"))
    own_id = normalize_score_id(raw["id"]) if isinstance(raw.get("id"), str) else ""
    if not title and not own_id:
        return None
    tempo = number_in(raw.get("tempo"), 1, MAX_TEMPO)
    piece_id = own_id or score_id_for(title, composer)
    return Piece(piece_id, title, composer, bool(own_id), tempo, text_of(raw.get("section")))


def _score_piece(data: dict[str, Any]) -> Piece | None:
    """The score an entry's top-level `scoreId` (else `scoreTitle`) names; untitled, a linked
    score is shown by its id."""
    title, composer = text_of(data.get("scoreTitle")), text_of(data.get("scoreComposer"))
    own_id = normalize_score_id(text_of(data.get("scoreId")))
    if not own_id and not title:
        return None
    return Piece(own_id or score_id_for(title, composer), title or own_id, composer, bool(own_id))


def _pieces(data: dict[str, Any], score_piece: Piece | None) -> tuple[Piece, ...]:
    raw = data.get("pieces")
    pieces = [p for p in map(_piece, raw if isinstance(raw, list) else ()) if p]
    if not pieces and score_piece and text_of(data.get("scoreTitle")):
        return (score_piece,)
    return tuple(pieces)


def _techniques(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list):
        return ()
    names = (text_of(t).lower() for t in raw)
    return tuple(dict.fromkeys(name for name in names if name))  # distinct, in order


def _notes(metadata: dict[str, Any]) -> tuple[int | None, int | None]:
    played = whole_in(metadata.get("notesPlayed"), 0, MAX_NOTES)
    correct = whole_in(metadata.get("notesCorrect"), 0, MAX_NOTES)
    if played is not None and correct is not None and correct > played:
        return played, None  # a push refuses this; an older entry's odd pair reads as unknown
    return played, correct


def _accuracy(metadata: dict[str, Any], played: int | None, correct: int | None) -> float | None:
    """`metadata.accuracy`, else the share of notes played correctly."""
    accuracy = number_in(metadata.get("accuracy"), 0, MAX_ACCURACY)
    if accuracy is None and played and correct is not None:
        accuracy = round(100 * correct / played, 2)
    return accuracy


def _goal_ids(data: dict[str, Any]) -> frozenset[str]:
    ids: set[str] = set()
    for key in ("goalIds", "goal_ids"):  # the original server renamed one to the other
        raw = data.get(key)
        ids.update(g for g in (raw if isinstance(raw, list) else ()) if isinstance(g, str))
    return frozenset(ids)


def entry_type(data: dict[str, Any]) -> str:
    return text_of(data.get("type")).lower()


@dataclass(slots=True)
class Moment:
    """When an entry happened and whether it is practice: all a streak needs of an entry."""

    at: datetime | None
    is_practice: bool


def parse_moment(data: Any) -> Moment:
    """The time and kind of an entry, read exactly as `parse_entry` reads them."""
    if not isinstance(data, dict):
        data = {}
    return Moment(parse_time(data.get("timestamp")), entry_type(data) != STATUS_CHANGE)


# The design's fields; most entries older clients wrote have none, and skip their reading.
DESIGN_FIELDS = frozenset(
    ("activityType", "sessionId", "templateId", "tempoPracticed", "targetTempo", "selfRating")
)
NO_DESIGN_FIELDS: tuple[str, str, str, None, None, None] = ("", "", "", None, None, None)


def _design_fields(data: dict[str, Any]) -> tuple:
    """activity type, session id, template id, tempo practised, target tempo, self rating."""
    if DESIGN_FIELDS.isdisjoint(data):
        return NO_DESIGN_FIELDS
    activity = text_of(data.get("activityType")).lower()
    return (
        activity if activity in ACTIVITY_TYPES else "",
        text_of(data.get("sessionId")),
        text_of(data.get("templateId")),
        number_in(data.get("tempoPracticed"), 1, MAX_TEMPO),
        number_in(data.get("targetTempo"), 1, MAX_TEMPO),
        whole_in(data.get("selfRating"), MIN_RATING, MAX_RATING),
    )


def parse_entry(entity_id: str, data: Any) -> Entry:
    if not isinstance(data, dict):
        data = {}
    score_id = data.get("scoreId")
    score_piece = _score_piece(data)
    metadata = data.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    played, correct = _notes(metadata) if metadata else (None, None)
    activity, session_id, template_id, tempo, target, rating = _design_fields(data)
    return Entry(
        entity_id=entity_id,
        at=parse_time(data.get("timestamp")),
        minutes=_minutes(data.get("duration")),
        type=entry_type(data),
        instrument=text_of(data.get("instrument")).lower(),
        mood=text_of(data.get("mood")).lower(),
        notes=data["notes"] if isinstance(data.get("notes"), str) else "",
        pieces=_pieces(data, score_piece),
        goal_ids=_goal_ids(data),
        score_id=normalize_score_id(score_id) if isinstance(score_id, str) else "",
        data=data,
        techniques=_techniques(data.get("techniques")),
        accuracy=_accuracy(metadata, played, correct) if metadata else None,
        score_piece=score_piece,
        activity_type=activity,
        session_id=session_id,
        template_id=template_id,
        tempo_practiced=tempo,
        target_tempo=target,
        self_rating=rating,
        focus_areas=labels_of(metadata.get("focusAreas")) if metadata else (),
        notes_played=played,
        notes_correct=correct,
    )


def parse_entries(rows: Iterable[tuple[str, Any]]) -> Iterator[Entry]:
    return (parse_entry(entity_id, data) for entity_id, data in rows)


# --- Writing: an entry as stored ----------------------------------------------------------


def _clean_metadata(data: dict[str, Any]) -> None:
    """The design's assessment fields where the original client keeps them; the rest of
    `metadata` is the client's own (a metadata that is not an object is kept as sent)."""
    metadata = data.get("metadata")
    if not isinstance(metadata, dict):
        return
    check_number(metadata, "accuracy", 0, MAX_ACCURACY, at="metadata.")
    check_number(metadata, "notesPlayed", 0, MAX_NOTES, whole=True, at="metadata.")
    check_number(metadata, "notesCorrect", 0, MAX_NOTES, whole=True, at="metadata.")
    played, correct = metadata.get("notesPlayed"), metadata.get("notesCorrect")
    if played is not None and correct is not None and correct > played:
        raise FieldError("metadata.notesCorrect", "Cannot be more than metadata.notesPlayed.")
    check_labels(metadata, "focusAreas", most=MAX_LABELS, length=MAX_LABEL_LENGTH, at="metadata.")


def _clean_design_fields(data: dict[str, Any]) -> None:
    check_enum(data, "activityType", ACTIVITY_TYPES, required=False)
    check_text(data, "sessionId", MAX_REF_LENGTH)
    check_text(data, "templateId", MAX_REF_LENGTH)
    check_number(data, "tempoPracticed", 1, MAX_TEMPO)
    check_number(data, "targetTempo", 1, MAX_TEMPO)
    check_number(data, "selfRating", MIN_RATING, MAX_RATING, whole=True)
    _clean_metadata(data)


def _clean_piece(piece: Any, position: int) -> dict[str, Any]:
    field = f"pieces[{position}]"
    if not isinstance(piece, dict):
        raise FieldError(field, "Must be an object.")
    title, composer = piece.get("title"), piece.get("composer")
    if not isinstance(title, str) or not title.strip():
        raise FieldError(f"{field}.title", "A piece needs a title.")
    if composer is not None and not isinstance(composer, str):
        raise FieldError(f"{field}.composer", "Must be a string or null.")
    check_text(piece, "section", MAX_SECTION_LENGTH, at=f"{field}.")
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
    check_enum(data, "type", LOGBOOK_TYPES, required=True)
    check_enum(data, "mood", MOODS, required=False)
    if isinstance(data.get("instrument"), str):
        data["instrument"] = data["instrument"].lower()
    pieces = data.get("pieces")
    if pieces is not None:
        if not isinstance(pieces, list):
            raise FieldError("pieces", "Must be a list.")
        data["pieces"] = [_clean_piece(piece, position) for position, piece in enumerate(pieces)]
    _clean_score_link(data)
    _clean_design_fields(data)
    return data
