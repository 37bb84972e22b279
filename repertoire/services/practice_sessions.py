"""Practice sessions: started and ended over REST, closed by cron when left open. A session is
the `practice_session` sync entity (devices see it start and end); its logs are the logbook
entries whose `sessionId` names it.

Ending computes what the design's `practice_sessions` row holds: the end time, the duration,
the exercises (one per log; at least the number planned at the start) and the mean accuracy of
the logs that report one. Ending an ended session changes nothing and answers the same
session: ending twice is safe, whichever device or host does it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from statistics import fmean
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from mirubato.api.errors import ApiError
from mirubato.api.preconditions import IfMatch, require_match
from mirubato.ids import new_id
from repertoire.practice_shapes import iso, session_view
from repertoire.selectors.practice_logs import LogRecord, session_log_records
from repertoire.sessions import (
    MAX_SESSION_SECONDS,
    PRACTICE_SESSION,
    parse_session,
    practice_session_clean,
)
from sync.selectors import entities_unset
from sync.services import FieldError, entity_lock, entity_write

if TYPE_CHECKING:
    from accounts.models import User
    from sync.models import SyncData

OPEN_SESSIONS_PER_RUN = 1000


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    try:
        return practice_session_clean(data)
    except FieldError as exc:
        raise ValidationError({exc.field: [exc.message]}) from None


def _write(user: User, data: dict[str, Any], device_id: str = "") -> SyncData:
    return entity_write(
        user=user,
        entity_type=PRACTICE_SESSION,
        entity_id=data["id"],
        data=_clean(data),
        device_id=device_id,
    )


def _view(row: SyncData) -> dict[str, Any]:
    return session_view(row.entity_id, row.version, row.data, row.updated_at)


def session_start(
    *,
    user: User,
    session_type: str,
    instrument: str | None,
    zone: ZoneInfo,
    notes: str = "",
    planned_exercises: int = 0,
    session_id: str | None = None,
    device_id: str = "",
) -> dict[str, Any]:
    """A new open session starting now; the instrument defaults to the profile's primary one.
    Its `sessionDate` is the local day in `zone` (the design's `session_date`)."""
    instrument = instrument or getattr(user, "primary_instrument", "") or ""
    if not instrument:
        raise ValidationError({"instrument": ["Required (your profile names no instrument)."]})
    now = timezone.now()
    entity_id = session_id or f"session_{new_id().lower()}"
    data = {
        "id": entity_id,
        "sessionType": session_type,
        "instrument": instrument,
        "sessionDate": now.astimezone(zone).date().isoformat(),
        "timeZone": zone.key,
        "startTime": iso(now),
        "endTime": None,
        "durationSeconds": None,
        "totalExercises": planned_exercises,
        "completedExercises": 0,
        "accuracyPercentage": None,
        "notes": notes,
        "createdAt": iso(now),
        "updatedAt": iso(now),
    }
    with transaction.atomic(using="default"):
        row = entity_lock(user=user, entity_type=PRACTICE_SESSION, entity_id=entity_id)
        if row is not None and not row.is_deleted:
            raise ApiError(409, "already_exists", "A practice session with this id exists.")
        return _view(_write(user, data, device_id))


def _ended(
    data: dict[str, Any], logs: list[LogRecord], *, end: datetime, by: str, now: datetime
) -> dict[str, Any]:
    """The session's data once ended at `end` (never before its start)."""
    start = parse_session("", data).start or end
    end = max(end, start)
    accuracies = [r.entry.accuracy for r in logs if r.entry.accuracy is not None]
    planned = parse_session("", data).total_exercises
    return {
        **data,
        "endTime": iso(end),
        "durationSeconds": min(round((end - start).total_seconds()), MAX_SESSION_SECONDS),
        "completedExercises": len(logs),
        "totalExercises": max(planned, len(logs)),
        "accuracyPercentage": round(fmean(accuracies), 2) if accuracies else None,
        "endedBy": by,
        "updatedAt": iso(now),
    }


def _locked_session(user: User, session_id: str) -> SyncData:
    row = entity_lock(user=user, entity_type=PRACTICE_SESSION, entity_id=session_id)
    if row is None or row.is_deleted:
        raise ApiError(404, "session_not_found", "No practice session with this id.")
    return row


def session_end(
    *,
    user: User,
    session_id: str,
    if_match: IfMatch | None,
    notes: str | None = None,
    device_id: str = "",
) -> tuple[dict[str, Any], list[LogRecord]]:
    """Ends an open session now; returns it and its logs. An ended session is returned as it
    is, whatever `If-Match` says: nothing would be written, so nothing can be overwritten."""
    with transaction.atomic(using="default"):
        row = _locked_session(user, session_id)
        logs = session_log_records(user_id=user.pk, session_id=session_id)
        data = row.data if isinstance(row.data, dict) else {}
        if not parse_session(session_id, data).is_open:
            return _view(row), logs
        require_match(if_match, version=row.version)
        now = timezone.now()
        ended = _ended(data, logs, end=now, by="user", now=now)
        if notes is not None:
            ended["notes"] = notes
        return _view(_write(user, ended, device_id)), logs


# --- Closing idle sessions (cron) ------------------------------------------------------------


def _last_activity(row: SyncData, logs: list[LogRecord]) -> datetime:
    """When anything last happened to the session: its start, its own last change, and each
    of its logs' practice end and last change (a log synced late counts when it arrives)."""
    moments = [row.updated_at, parse_session("", row.data).start]
    for record in logs:
        moments.append(record.changed_at)
        if record.entry.at is not None:
            moments.append(record.entry.at + timedelta(minutes=record.entry.minutes))
    return max(m for m in moments if m is not None)


def _practice_end(data: dict[str, Any], logs: list[LogRecord]) -> datetime | None:
    """The end of the session's last logged practice, else its start."""
    ends = [r.entry.at + timedelta(minutes=r.entry.minutes) for r in logs if r.entry.at]
    return max(ends, default=parse_session("", data).start)


def _close_if_idle(candidate: SyncData, *, cutoff: datetime, dry_run: bool) -> bool:
    """Closes one session if it is still open and idle since `cutoff`. Re-read under the
    user's feed lock, so a host that closed it first (or a device that ended it) wins."""
    user = candidate.user
    with transaction.atomic(using="default"):
        row = entity_lock(user=user, entity_type=PRACTICE_SESSION, entity_id=candidate.entity_id)
        if row is None or row.is_deleted or not isinstance(row.data, dict):
            return False
        if not parse_session(row.entity_id, row.data).is_open:
            return False
        logs = session_log_records(user_id=user.pk, session_id=row.entity_id)
        if _last_activity(row, logs) > cutoff:
            return False
        if not dry_run:
            end = _practice_end(row.data, logs) or timezone.now()
            _write(user, _ended(row.data, logs, end=end, by="idle", now=timezone.now()))
    return True


def sessions_close_idle(
    *,
    idle: timedelta,
    dry_run: bool = False,
    limit: int = OPEN_SESSIONS_PER_RUN,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Closes open sessions nothing touched for `idle` (`endedBy: "idle"`, ended when their
    last logged practice ended); returns (closed, open sessions looked at). Idempotent: a
    closed session is no longer a candidate; two hosts running at once close each once."""
    cutoff = timezone.now() - idle
    candidates = entities_unset(entity_type=PRACTICE_SESSION, key="endTime", limit=limit)
    closed = 0
    for done, candidate in enumerate(candidates, start=1):
        closed += _close_if_idle(candidate, cutoff=cutoff, dry_run=dry_run)
        if progress:
            progress(done, len(candidates))
    return closed, len(candidates)
