"""The practice API's REST shapes over synced entities (docs/repertoire.md, "Practice API"):
a practice log is a logbook entry, a session a `practice_session`, a template a
`plan_template`. Pure functions: what a REST body becomes when stored, and what a stored
entity looks like over REST. The rules of what may be stored are the entities' own
(`logbook.py`, `sessions.py`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from repertoire.entity_fields import labels_of, number_in, text_of, whole_in
from repertoire.logbook import ACTIVITY_TYPES, MAX_TEMPO, parse_entry
from repertoire.sessions import parse_session

# Design fields a REST body sends at the top level and the logbook entry keeps in `metadata`
# (where the original client put them), with the same names.
METADATA_FIELDS = ("accuracy", "notesPlayed", "notesCorrect", "focusAreas")
PLAN_TYPES = ("bootcamp", "course", "custom")
VISIBILITIES = ("private", "public")


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


# --- Practice logs ---------------------------------------------------------------------------


def log_entry_data(body: dict[str, Any], *, base: dict[str, Any] | None = None) -> dict[str, Any]:
    """A REST log body as a logbook entry: on top of `base` (the stored entry, for a PATCH),
    every key as sent, except the design's assessment fields, which go into `metadata`."""
    data = {**(base or {}), **{k: v for k, v in body.items() if k not in METADATA_FIELDS}}
    moved = {k: body[k] for k in METADATA_FIELDS if k in body}
    if moved:
        metadata = data.get("metadata")
        data["metadata"] = {**(metadata if isinstance(metadata, dict) else {}), **moved}
    return data


def _template_piece(template: dict[str, Any]) -> dict[str, Any]:
    refs = template.get("pieceRefs")
    first = refs[0] if isinstance(refs, list) and refs and isinstance(refs[0], dict) else {}
    return {
        "title": text_of(first.get("title")),
        "composer": text_of(first.get("composer")),
        "section": text_of(first.get("section")),
        "score_id": text_of(first.get("scoreId")),
    }


def _quick_pieces(piece: dict[str, Any]) -> dict[str, Any]:
    """The one piece of a quick log: listed when titled, else only linked by `scoreId`."""
    if not piece.get("title"):
        return {"scoreId": piece["score_id"]} if piece.get("score_id") else {}
    listed = {"title": piece["title"], "composer": piece.get("composer") or None}
    if piece.get("section"):
        listed["section"] = piece["section"]
    if piece.get("score_id"):
        listed["id"] = piece["score_id"]
    return {"pieces": [listed]}


def quick_log_entry(
    fields: dict[str, Any], *, template: dict[str, Any], instrument: str, start: datetime
) -> dict[str, Any]:
    """A quick log (the design's QuickLogRequest, checked) as a logbook entry. A template
    fills what the request leaves out: activity type, piece, instrument, focus areas, and its
    tempo as the target tempo; the profile's primary instrument comes last."""
    activity = text_of(template.get("activityType")).lower()
    focus = fields.get("focus_areas") or list(labels_of(template.get("focusAreas")))
    data = {
        "id": fields.get("id"),
        "timestamp": iso(start),
        "duration": fields["duration"],
        "type": "practice",
        "activityType": fields.get("activity_type")
        or (activity if activity in ACTIVITY_TYPES else None),
        "instrument": fields.get("instrument")
        or text_of(template.get("instrument")).lower()
        or instrument
        or None,
        **_quick_pieces(fields.get("piece") or _template_piece(template)),
        "tempoPracticed": fields.get("tempo"),
        "targetTempo": number_in(template.get("tempo"), 1, MAX_TEMPO),
        "selfRating": fields.get("self_rating"),
        "notes": fields.get("notes") or "",
        "sessionId": fields.get("session_id"),
        "templateId": fields.get("template_id"),
        "metadata": {"source": "quick_log", **({"focusAreas": focus} if focus else {})},
    }
    return {key: value for key, value in data.items() if value is not None}


def _end(at: datetime | None, minutes: float) -> datetime | None:
    return at + timedelta(minutes=minutes) if at is not None else None


def _pieces(entry) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "title": p.title,
            "composer": p.composer,
            "section": p.section or None,
            "tempo": p.tempo,
        }
        for p in entry.pieces
    ]


def log_view(entity_id: str, version: int, data: Any, changed_at: datetime) -> dict[str, Any]:
    """A stored logbook entry as the practice API shows it: the design's fields read by
    `parse_entry` (the one reading of an entry), and `data`, the entry exactly as stored."""
    entry = parse_entry(entity_id, data)
    return {
        "id": entity_id,
        "version": version,
        "timestamp": entry.at,
        "end_time": _end(entry.at, entry.minutes),
        "duration": entry.minutes,
        "duration_seconds": round(entry.minutes * 60),
        "type": entry.type or None,
        "activity_type": entry.activity_type or None,
        "instrument": entry.instrument or None,
        "session_id": entry.session_id or None,
        "template_id": entry.template_id or None,
        "score_id": entry.score_id or None,
        "pieces": _pieces(entry),
        "tempo_practiced": entry.tempo_practiced,
        "target_tempo": entry.target_tempo,
        "focus_areas": list(entry.focus_areas),
        "self_rating": entry.self_rating,
        "accuracy": entry.accuracy,
        "notes_played": entry.notes_played,
        "notes_correct": entry.notes_correct,
        "notes": entry.notes,
        "mood": entry.mood or None,
        "techniques": list(entry.techniques),
        "goal_ids": sorted(entry.goal_ids),
        "synced_at": changed_at,
        "data": entry.data,
    }


# --- Practice sessions -----------------------------------------------------------------------


def session_view(entity_id: str, version: int, data: Any, changed_at: datetime) -> dict:
    session = parse_session(entity_id, data)
    return {
        "id": entity_id,
        "version": version,
        "session_type": session.session_type or None,
        "instrument": session.instrument or None,
        "session_date": session.session_date,
        "time_zone": session.time_zone or None,
        "start_time": session.start,
        "end_time": session.end,
        "status": "active" if session.is_open else "ended",
        "ended_by": session.ended_by or None,
        "duration_seconds": session.duration_seconds,
        "total_exercises": session.total_exercises,
        "completed_exercises": session.completed_exercises,
        "accuracy_percentage": session.accuracy,
        "notes": session.notes,
        "synced_at": changed_at,
        "data": session.data,
    }


# --- Templates (plan_template entities) ------------------------------------------------------


def _refs(raw: Any) -> list[dict[str, Any]]:
    refs = []
    for ref in raw if isinstance(raw, list) else ():
        if isinstance(ref, dict):
            refs.append(
                {
                    "score_id": text_of(ref.get("scoreId")) or None,
                    "title": text_of(ref.get("title")) or None,
                    "composer": text_of(ref.get("composer")) or None,
                    "section": text_of(ref.get("section")) or None,
                }
            )
    return refs


def _schedule_minutes(data: dict[str, Any]) -> int | None:
    schedule = data.get("schedule")
    if not isinstance(schedule, dict):
        return None
    return whole_in(schedule.get("durationMinutes"), 1, 1440)


def template_view(entity_id: str, version: int, data: Any, changed_at: datetime) -> dict:
    """A plan template as the practice API shows it, read defensively: templates the planning
    screens wrote have the same entity type and any shape."""
    data = data if isinstance(data, dict) else {}
    kind, visibility = text_of(data.get("type")), text_of(data.get("visibility"))
    activity = text_of(data.get("activityType")).lower()
    return {
        "id": entity_id,
        "version": version,
        "title": text_of(data.get("title")),
        "description": text_of(data.get("description")),
        "activity_type": activity if activity in ACTIVITY_TYPES else None,
        "instrument": text_of(data.get("instrument")).lower() or None,
        "piece_refs": _refs(data.get("pieceRefs")),
        "tempo": number_in(data.get("tempo"), 1, MAX_TEMPO),
        "duration_minutes": _schedule_minutes(data),
        "focus_areas": list(labels_of(data.get("focusAreas"))),
        "techniques": list(labels_of(data.get("techniques"))),
        "tags": list(labels_of(data.get("tags"))),
        "type": kind if kind in PLAN_TYPES else "custom",
        "visibility": visibility if visibility in VISIBILITIES else "private",
        "adoption_count": whole_in(data.get("adoptionCount"), 0, 2**53 - 1) or 0,
        "synced_at": changed_at,
        "data": data,
    }
