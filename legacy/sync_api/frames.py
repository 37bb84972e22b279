"""The original client's WebSocket frames (the client's calls §11, reference §6), to and from ours.

Pure functions. Out: our committed changes (pull items, docs/sync.md) become ENTRY_* and
PLAN_* frames, and our pull pages BULK_SYNC and ENTRY_DELETED. In: ENTRY_* frames become one of
our changes, which our push then judges like any other.
"""

from __future__ import annotations

from typing import Any

import orjson

from legacy.sync_api.shapes import item_field, now_iso, reason_of
from mirubato.api.errors import ApiError
from sync.services import RealtimeError

LOGBOOK = "logbook_entry"
PLAN, OCCURRENCE = "practice_plan", "plan_occurrence"
ENTRY_FRAMES = ("ENTRY_CREATED", "ENTRY_UPDATED", "ENTRY_DELETED")


def frame(kind: str, **fields: Any) -> dict[str, Any]:
    """Every frame carries the server's time, as the original's did."""
    return {"type": kind, **fields, "timestamp": now_iso()}


def error_frame(error: RealtimeError) -> dict[str, Any]:
    """`{type: "ERROR", error}` (the text the client may log), with our code beside it."""
    return frame("ERROR", error=error.message, code=error.code)


def decode(text: str) -> dict[str, Any]:
    """One client frame, keys as sent; the original's two complaints otherwise."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        raise RealtimeError("invalid_json", "Invalid JSON format") from None
    if not isinstance(value, dict) or not isinstance(value.get("type"), str):
        raise RealtimeError("invalid_message", "Invalid sync event format")
    return value


def _invalid_entry(message: str) -> RealtimeError:
    return RealtimeError("invalid_message", f"Invalid entry data: {message}")


def entry_change(message: dict[str, Any]) -> dict[str, Any]:
    """Our change for `ENTRY_CREATED|ENTRY_UPDATED {entry}` or `ENTRY_DELETED {entryId}`; a
    delete is dated by the frame's time so that it can win a conflict like a REST one."""
    if message["type"] == "ENTRY_DELETED":
        entry_id = message.get("entryId")
        if not isinstance(entry_id, str) or not entry_id:
            raise _invalid_entry("entryId is required.")
        when = message.get("timestamp")
        data = {"deletedAt": when} if isinstance(when, str) and when else None
        return {"type": LOGBOOK, "id": entry_id, "deleted": True, "data": data}
    entry = message.get("entry")
    if not isinstance(entry, dict):
        raise _invalid_entry("entry is required.")
    change: dict[str, Any] = {"type": LOGBOOK, "id": entry.get("id"), "data": entry}
    if entry.get("deletedAt"):
        change["deleted"] = True
    return change


def entry_error(exc: ApiError) -> RealtimeError:
    """Our push's refusal of an ENTRY_* frame, named from the entry; the socket stays open."""
    return _invalid_entry(f"{item_field(exc, 'entry')}: {reason_of(exc)}")


def last_seq_of(message: dict[str, Any]) -> int | None:
    """SYNC_REQUEST's `lastSeq` when it is a position (a whole number above 0), else None."""
    value = message.get("lastSeq")
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None
    return value


# --- Our changes, out ----------------------------------------------------------------------


def _entry_frame(change: dict[str, Any]) -> dict[str, Any]:
    if change["deleted"]:
        return frame("ENTRY_DELETED", entryId=change["id"], seq=change["seq"])
    kind = "ENTRY_CREATED" if change["version"] == 1 else "ENTRY_UPDATED"
    return frame(kind, entry=change["data"], seq=change["seq"])


def _occurrences_by_plan(changes: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Live occurrences of the plans changed alongside them, which travel with their plan."""
    plans = {c["id"] for c in changes if c["type"] == PLAN and not c["deleted"]}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for change in changes:
        if change["type"] == OCCURRENCE and not change["deleted"]:
            plan_id = (change["data"] or {}).get("planId")
            if plan_id in plans:
                grouped.setdefault(plan_id, []).append(change)
    return grouped


def _plan_frame(change: dict[str, Any], occurrences: list[dict[str, Any]]) -> dict[str, Any]:
    kind = "PLAN_CREATED" if change["version"] == 1 else "PLAN_UPDATED"
    seq = max([change["seq"], *(o["seq"] for o in occurrences)])
    return frame(kind, plan=change["data"], occurrences=[o["data"] for o in occurrences], seq=seq)


def live_frames(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The original's frames for changes committed for the user (one CHANGES span, feed
    order): entries as ENTRY_*, a plan as PLAN_* with its occurrences changed alongside, any
    other occurrence as PLAN_OCCURRENCE_COMPLETED (the client upserts whatever it is given).
    Deleted plans and occurrences, goals and templates have no frame the client handles:
    its Planning tab reloads them by pull."""
    grouped = _occurrences_by_plan(changes)
    attached = {o["id"] for members in grouped.values() for o in members}
    frames = []
    for change in changes:
        kind, deleted = change["type"], change["deleted"]
        if kind == LOGBOOK:
            frames.append(_entry_frame(change))
        elif kind == PLAN and not deleted:
            frames.append(_plan_frame(change, grouped.get(change["id"], [])))
        elif kind == OCCURRENCE and not deleted and change["id"] not in attached:
            occurrence, seq = change["data"], change["seq"]
            frames.append(frame("PLAN_OCCURRENCE_COMPLETED", occurrence=occurrence, seq=seq))
    return frames


def catch_up_frames(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One page of our logbook pull as SYNC_REQUEST's answer: a tombstone is an ENTRY_DELETED
    each, the live entries one BULK_SYNC whose `lastSeq` is the page's last position."""
    frames = [
        frame("ENTRY_DELETED", entryId=c["id"], seq=c["seq"], lastSeq=c["seq"])
        for c in changes
        if c["deleted"]
    ]
    entries = [c["data"] for c in changes if not c["deleted"]]
    if entries:
        last = max(c["seq"] for c in changes)
        frames.append(frame("BULK_SYNC", entries=entries, lastSeq=last))
    return frames


def sync_response(*, sent: int, last_seq: int) -> dict[str, Any]:
    """The end of a SYNC_REQUEST's answer: every entry change up to `last_seq` has been sent."""
    message = "Sync complete" if sent else "No new data to sync"
    return frame("SYNC_RESPONSE", message=message, lastSeq=last_seq)


def mutation_applied() -> dict[str, Any]:
    """The original's acknowledgement of an ENTRY_* frame. Without its `lastSeq`: the client
    keeps the highest position it was told as where to catch up from, and a change another
    device committed just before this one may still be on its way to this socket."""
    return frame("SYNC_RESPONSE", message="Mutation applied")
