"""Practice sessions over REST: the user's live `practice_session` entities, filtered and
paged, and one session with its logs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mirubato.api.errors import ApiError
from repertoire.practice_shapes import session_view
from repertoire.selectors.logbook import decode_text
from repertoire.selectors.practice_logs import session_log_records
from repertoire.sessions import PRACTICE_SESSION, Session, parse_session
from sync.selectors import entity_get, entity_records

if TYPE_CHECKING:
    from accounts.models import User

STATUSES = ("active", "ended")


@dataclass(frozen=True)
class SessionFilters:
    start: datetime | None = None  # start time, UTC, inclusive
    end: datetime | None = None  # exclusive
    session_type: str | None = None
    instrument: str | None = None
    status: str | None = None

    def admits(self, session: Session) -> bool:
        at = session.start
        if (self.start or self.end) and at is None:
            return False
        if (self.start and at < self.start) or (self.end and at >= self.end):
            return False
        if self.session_type and session.session_type != self.session_type:
            return False
        if self.instrument and session.instrument != self.instrument:
            return False
        return not self.status or (self.status == "active") == session.is_open


def _latest_first(session: Session) -> tuple:
    start = session.start.timestamp() if session.start else 0.0
    return (session.start is None, -start, session.entity_id)


def session_page(
    *, user: User, filters: SessionFilters, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of the user's sessions that pass `filters`, the latest start first."""
    rows = entity_records(user=user, entity_type=PRACTICE_SESSION)
    found = []
    for entity_id, version, text, changed_at in rows:
        session = parse_session(entity_id, decode_text(text))
        if filters.admits(session):
            found.append((session, version, changed_at))
    found.sort(key=lambda item: _latest_first(item[0]))
    page = found[offset : offset + limit]
    views = [session_view(s.entity_id, version, s.data, at) for s, version, at in page]
    return views, len(found)


def session_detail(*, user: User, session_id: str) -> dict[str, Any]:
    """One live session of the user with its logs (practice-time order), else a 404."""
    row = entity_get(user=user, entity_type=PRACTICE_SESSION, entity_id=session_id)
    if row is None:
        raise ApiError(404, "session_not_found", "No practice session with this id.")
    logs = session_log_records(user_id=user.pk, session_id=session_id)
    view = session_view(row.entity_id, row.version, row.data, row.updated_at)
    return view | {"logs": [record.view() for record in logs]}
