"""The original main API's JSON, both ways (docs/web-client.md, "What answers where").
Pure functions: our selectors' views (snake_case dicts) become the original's camelCase bodies,
and the original's bodies become the snake_case fields our own input serializers then check.

Times: every instant goes out as epoch milliseconds (a number), which is what the client's
own local items carry (`Date.now()`) and what it compares and sorts with `<` and `-`. A goal's
`targetDate` goes out as a string of epoch milliseconds, the form its edit dialog parses
(`new Date(parseInt(goal.targetDate))`) and sends back.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from mirubato.api.camel import camelize, to_camel, underscoreize
from scores.selectors import normalize_score_id

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_MS = timedelta(milliseconds=1)
# Epoch milliseconds as the client writes them (`getTime().toString()`): 9 to 15 digits, so a
# plain year, a small number or an ISO date is never mistaken for one.
EPOCH_MS_TEXT = re.compile(r"\d{9,15}")
ROLE_ADMIN, ROLE_USER = "admin", "user"

# --- times -----------------------------------------------------------------------------------


def epoch_ms(moment: datetime | None) -> int | None:
    """An aware datetime as whole epoch milliseconds (exact: no float rounding)."""
    return None if moment is None else (moment - EPOCH) // ONE_MS


def date_as_ms_text(day: date | None) -> str | None:
    """A date as the client's goal dialog reads it: epoch ms of its UTC midnight, as text."""
    return None if day is None else str(epoch_ms(datetime.combine(day, time.min, UTC)))


def _date_from_ms(value: Any) -> Any:
    """Epoch ms (text or integer) → ISO date (UTC); anything else unchanged, for our
    serializer to judge."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        return value
    if not EPOCH_MS_TEXT.fullmatch(str(value)):
        return value
    try:
        return (EPOCH + int(value) * ONE_MS).date().isoformat()
    except OverflowError:
        return value


def _js_round(value: Any) -> Any:
    """A fractional number rounded as the client's `Math.round` would (halves up); anything
    else unchanged."""
    if isinstance(value, float) and math.isfinite(value):
        return math.floor(value + 0.5)
    return value


def _with_times(body: dict[str, Any], view: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if key in view:
            body[to_camel(key)] = epoch_ms(view[key])


# --- auth ------------------------------------------------------------------------------------


def user_body(profile: dict[str, Any]) -> dict[str, Any]:
    """Our profile plus the original's `role` (the client treats "admin" as staff)."""
    return {**camelize(profile), "role": ROLE_ADMIN if profile["is_staff"] else ROLE_USER}


def signed_in_body(profile: dict[str, Any], access: str, refresh: str, expires_in: int) -> dict:
    return {
        "success": True,
        "user": user_body(profile),
        "accessToken": access,
        "refreshToken": refresh,
        "expiresIn": expires_in,
    }


def refreshed_body(access: str, refresh: str | None, expires_in: int) -> dict[str, Any]:
    """The new refresh token travels in the body only to a caller that sent one there; a
    cookie caller gets it in the cookie alone, out of reach of page scripts."""
    body: dict[str, Any] = {"success": True, "accessToken": access, "expiresIn": expires_in}
    if refresh is not None:
        body["refreshToken"] = refresh
    return body


# --- goals -----------------------------------------------------------------------------------

GOAL_TIMES = ("completed_at", "created_at", "updated_at")
# Keys only the logbook's own goal type carries (G8: `{title, description, targetDate,
# milestones, status, progress, linkedEntries}`, no `type`); such a goal is a custom goal.
LOGBOOK_GOAL_KEYS = ("status", "progress", "linked_entries")


def goal_body(view: dict[str, Any]) -> dict[str, Any]:
    body = camelize(view)
    body["targetDate"] = date_as_ms_text(view["target_date"])
    _with_times(body, view, GOAL_TIMES)
    return body


def goal_stats_body(detail: dict[str, Any]) -> dict[str, Any]:
    """GET /api/goals/:id: `{goal, stats: {relatedSessions, totalPracticeTime,
    recentSessions: [{id, timestamp, duration, notes}]}}`."""
    goal = {k: v for k, v in detail.items() if k not in ("recent_sessions", "progress")}
    sessions = [
        {
            "id": s["entry_id"],
            "timestamp": epoch_ms(s["timestamp"]),
            "duration": s["duration"],
            "notes": s["notes"],
        }
        for s in detail["recent_sessions"]
    ]
    stats = {
        "relatedSessions": detail["related_sessions"],
        "totalPracticeTime": detail["total_practice_time"],
        "recentSessions": sessions,
    }
    return {"goal": goal_body(goal), "stats": stats}


def progress_body(view: dict[str, Any], completed: bool) -> dict[str, Any]:
    """POST /api/goals/:id/progress: the original's flat answer."""
    return {
        "message": "Progress tracked successfully",
        "currentValue": view["current_value"],
        "targetValue": view["target_value"],
        "status": view["status"],
        "completed": completed,
    }


def _goal_fields(body: Any) -> Any:
    """Shared fixes: ms `targetDate` → date, fractional `targetValue` rounded, a cleared
    milestone date (`""`) dropped."""
    if not isinstance(body, dict):
        return body  # our serializer refuses it with its own message
    fields = underscoreize(body)
    if "target_date" in fields:
        fields["target_date"] = _date_from_ms(fields["target_date"])
    if "target_value" in fields:
        fields["target_value"] = _js_round(fields["target_value"])
    if isinstance(fields.get("milestones"), list):
        fields["milestones"] = [_milestone(m) for m in fields["milestones"]]
    return fields


def _milestone(milestone: Any) -> Any:
    if isinstance(milestone, dict) and milestone.get("target_date") == "":
        return {k: v for k, v in milestone.items() if k != "target_date"}
    return milestone


def goal_create_fields(body: Any) -> Any:
    """POST /api/goals body → our create fields. A logbook goal (no `type`, one of the keys
    only that type has) is created as `custom`; any other body without `type` is left to our
    serializer, which requires it. A `scoreId` of null means none."""
    fields = _goal_fields(body)
    if not isinstance(fields, dict):
        return fields
    if "type" not in fields and any(key in fields for key in LOGBOOK_GOAL_KEYS):
        fields["type"] = "custom"
    if fields.get("score_id", "") is None:
        del fields["score_id"]
    return fields


def goal_update_fields(body: Any, *, type: str, score_id: str) -> Any:
    """PUT /api/goals/:id body → our partial update. The client sends the goal's `type` (and
    may send `scoreId`) with every edit; unchanged, they are dropped. A changed one stays,
    and our update refuses it: neither can change."""
    fields = _goal_fields(body)
    if not isinstance(fields, dict):
        return fields
    if fields.get("type") == type:
        del fields["type"]
    if "score_id" in fields and _same_score(fields["score_id"], score_id):
        del fields["score_id"]
    return fields


def _same_score(sent: Any, stored: str) -> bool:
    """Whether a sent `scoreId` names the stored one (null or "" for none), normalised as
    stored ids are."""
    if sent is None:
        sent = ""
    return isinstance(sent, str) and normalize_score_id(sent) == stored


# --- repertoire ------------------------------------------------------------------------------

ITEM_TIMES = ("created_at", "updated_at", "first_practiced", "last_practiced")


def repertoire_item_body(view: dict[str, Any]) -> dict[str, Any]:
    body = camelize(view)
    _with_times(body, view, ITEM_TIMES)
    body["statusHistory"] = [
        {**camelize(change), "changedAt": epoch_ms(change["changed_at"])}
        for change in view["status_history"]
    ]
    return body


def repertoire_stats_body(result: dict[str, Any]) -> dict[str, Any]:
    """GET /api/repertoire/:scoreId/stats: `{repertoire, stats}`, times as epoch ms."""
    stats = result["stats"]
    body = camelize({k: v for k, v in stats.items() if k != "recent_sessions"})
    _with_times(body, stats, ("first_practiced", "last_practiced"))
    body["recentSessions"] = [
        {**camelize(s), "timestamp": epoch_ms(s["timestamp"])} for s in stats["recent_sessions"]
    ]
    return {"repertoire": repertoire_item_body(result["repertoire"]), "stats": body}


def fields_in(body: Any) -> Any:
    """A camelCase body as our serializers read it (what the REST parser does)."""
    return underscoreize(body) if isinstance(body, dict) else body


def dissociate_body(result: dict[str, Any]) -> dict[str, Any]:
    return {"message": "Piece dissociated from repertoire", **camelize(result)}


def rename_body(changed: int, moved: bool) -> dict[str, Any]:
    return {
        "success": True,
        "updatedCount": changed,
        "message": f"Updated {changed} entries",
        "repertoireUpdated": moved,
    }
