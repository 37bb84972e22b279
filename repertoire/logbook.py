"""Reading the client's logbook entries (`sync_data` rows of type `logbook_entry`).

`data` is client-owned JSON (reference §7.1) and older clients sent variants (epoch ms or ISO
timestamps, `goal_ids` for `goalIds`), so every reader goes through `parse_entry`, which never
raises: a malformed field reads as absent instead of failing a report.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from scores import score_ids

# A musician's logbook names the same few pieces again and again: normalising each distinct
# id once keeps a 10,000-entry report cheap.
normalize_score_id = lru_cache(maxsize=16384)(score_ids.normalize_score_id)
score_id_for = lru_cache(maxsize=16384)(score_ids.score_id_for)

LOGBOOK_ENTRY = "logbook_entry"
# Entries of this type record a repertoire status change, not time at the instrument.
STATUS_CHANGE = "status_change"
_EPOCH_MS_LIMIT = 1e14  # about year 5138; larger numbers are not epoch milliseconds


@dataclass(frozen=True, slots=True)
class Piece:
    id: str  # normalised score id: the piece's own, else derived from title and composer
    title: str
    composer: str
    has_own_id: bool


@dataclass(frozen=True, slots=True)
class Entry:
    entity_id: str
    at: datetime | None  # when the practice happened (UTC); None if the entry has no valid time
    minutes: float
    type: str
    instrument: str
    mood: str
    notes: str
    pieces: tuple[Piece, ...]
    goal_ids: frozenset[str]
    score_id: str  # normalised top-level link to the scorebook, or ""
    data: dict[str, Any]

    @property
    def is_practice(self) -> bool:
        return self.type != STATUS_CHANGE

    def links(self, score_id: str) -> bool:
        """True when the entry is linked to `score_id` by its `scoreId` or a piece's own id."""
        return self.score_id == score_id or any(
            p.has_own_id and p.id == score_id for p in self.pieces
        )


def parse_time(value: Any) -> datetime | None:
    """An ISO-8601 string or epoch milliseconds, as an aware UTC datetime."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value) or abs(value) > _EPOCH_MS_LIMIT:
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
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value) if math.isfinite(value) and value > 0 else 0.0


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _piece(raw: Any) -> Piece | None:
    if not isinstance(raw, dict):
        return None
    title, composer = _text(raw.get("title")), _text(raw.get("composer"))
    own_id = normalize_score_id(raw["id"]) if isinstance(raw.get("id"), str) else ""
    if not title and not own_id:
        return None
    return Piece(own_id or score_id_for(title, composer), title, composer, bool(own_id))


def _pieces(data: dict[str, Any]) -> tuple[Piece, ...]:
    raw = data.get("pieces")
    pieces = [p for p in map(_piece, raw if isinstance(raw, list) else ()) if p]
    if not pieces and _text(data.get("scoreTitle")):
        title, composer = _text(data.get("scoreTitle")), _text(data.get("scoreComposer"))
        score_id = _text(data.get("scoreId"))
        pieces = [
            Piece(
                normalize_score_id(score_id) or score_id_for(title, composer),
                title,
                composer,
                bool(score_id),
            )
        ]
    return tuple(pieces)


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
    return Entry(
        entity_id=entity_id,
        at=parse_time(data.get("timestamp")),
        minutes=_minutes(data.get("duration")),
        type=_text(data.get("type")).lower(),
        instrument=_text(data.get("instrument")).lower(),
        mood=_text(data.get("mood")).lower(),
        notes=data["notes"] if isinstance(data.get("notes"), str) else "",
        pieces=_pieces(data),
        goal_ids=_goal_ids(data),
        score_id=normalize_score_id(score_id) if isinstance(score_id, str) else "",
        data=data,
    )


def parse_entries(rows: Iterable[tuple[str, Any]]) -> Iterator[Entry]:
    return (parse_entry(entity_id, data) for entity_id, data in rows)
