"""The rules of a practice session (`sync_data` rows of type `practice_session`; the system
design's `practice_sessions`): how one is stored, and how one is read.

A session is a synced entity like a logbook entry, so every device sees it start and end; its
logs are the logbook entries whose `sessionId` names it. Stored shape (camelCase, the client's
JSON; unknown fields are kept):

    {id, sessionType: guided|free_practice|assessment, instrument, sessionDate, timeZone,
     startTime, endTime (null while open), durationSeconds, totalExercises,
     completedExercises, accuracyPercentage, notes, endedBy: user|idle, createdAt, updatedAt}

Writing: `practice_session_clean` checks the known fields (registered with sync in
`RepertoireConfig.ready`, so a pushed session meets the same rule as the REST endpoints).
Reading: `parse_session` never raises; a malformed field reads as absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mirubato.timestamps import epoch_ms
from repertoire.entity_fields import (
    check_enum,
    check_number,
    check_text,
    number_in,
    text_of,
    whole_in,
)
from repertoire.logbook import MAX_ACCURACY, parse_time
from sync.services import FieldError

PRACTICE_SESSION = "practice_session"
SESSION_TYPES = ("guided", "free_practice", "assessment")
ENDED_BY = ("user", "idle")
MAX_SESSION_SECONDS = 366 * 24 * 3600  # a session left open a year is still one session
MAX_EXERCISES = 100_000
MAX_INSTRUMENT_LENGTH = 100
MAX_NOTES_LENGTH = 20_000


@dataclass(slots=True)
class Session:
    entity_id: str
    session_type: str
    instrument: str
    start: datetime | None
    end: datetime | None
    duration_seconds: int | None
    total_exercises: int
    completed_exercises: int
    accuracy: float | None
    notes: str
    ended_by: str
    session_date: date | None
    time_zone: str
    data: dict[str, Any]

    @property
    def is_open(self) -> bool:
        return self.end is None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def parse_session(entity_id: str, data: Any) -> Session:
    if not isinstance(data, dict):
        data = {}
    kind = text_of(data.get("sessionType")).lower()
    ended_by = text_of(data.get("endedBy")).lower()
    return Session(
        entity_id=entity_id,
        session_type=kind if kind in SESSION_TYPES else "",
        instrument=text_of(data.get("instrument")).lower(),
        start=parse_time(data.get("startTime")),
        end=parse_time(data.get("endTime")),
        duration_seconds=whole_in(data.get("durationSeconds"), 0, MAX_SESSION_SECONDS),
        total_exercises=whole_in(data.get("totalExercises"), 0, MAX_EXERCISES) or 0,
        completed_exercises=whole_in(data.get("completedExercises"), 0, MAX_EXERCISES) or 0,
        accuracy=number_in(data.get("accuracyPercentage"), 0, MAX_ACCURACY),
        notes=data["notes"] if isinstance(data.get("notes"), str) else "",
        ended_by=ended_by if ended_by in ENDED_BY else "",
        session_date=_date(data.get("sessionDate")),
        time_zone=text_of(data.get("timeZone")),
        data=data,
    )


def _time(data: dict[str, Any], field: str, *, required: bool) -> None:
    value = data.get(field)
    if value is None and not required:
        return
    if epoch_ms(value) is None:
        raise FieldError(field, "Must be an ISO 8601 time with offset, or epoch ms.")


def practice_session_clean(data: dict[str, Any]) -> dict[str, Any]:
    """A practice session as stored: known fields checked, enums and the instrument
    lowercased, every other field exactly as sent."""
    data = dict(data)
    check_enum(data, "sessionType", SESSION_TYPES, required=True)
    _time(data, "startTime", required=True)
    _time(data, "endTime", required=False)
    if data.get("endTime") is not None and epoch_ms(data["endTime"]) < epoch_ms(data["startTime"]):
        raise FieldError("endTime", "Cannot be before startTime.")
    check_text(data, "instrument", MAX_INSTRUMENT_LENGTH)
    if isinstance(data.get("instrument"), str):
        data["instrument"] = data["instrument"].lower()
    check_number(data, "durationSeconds", 0, MAX_SESSION_SECONDS, whole=True)
    check_number(data, "totalExercises", 0, MAX_EXERCISES, whole=True)
    check_number(data, "completedExercises", 0, MAX_EXERCISES, whole=True)
    check_number(data, "accuracyPercentage", 0, MAX_ACCURACY)
    check_text(data, "notes", MAX_NOTES_LENGTH)
    check_enum(data, "endedBy", ENDED_BY, required=False)
    if data.get("sessionDate") is not None and _date(data["sessionDate"]) is None:
        raise FieldError("sessionDate", "Must be a date, YYYY-MM-DD, or null.")
    return data
