"""Practice logs over REST: the user's live logbook entries with their versions, filtered,
ordered and paged. Every entry is read once per request (as the analytics do) and parsed by
`repertoire.logbook`, so a log pushed by a device is listed exactly as one written here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mirubato.api.errors import ApiError
from repertoire.logbook import LOGBOOK_ENTRY, Entry, normalize_score_id, parse_entry
from repertoire.practice_shapes import log_view
from repertoire.selectors.logbook import decode_text
from sync.selectors import entities_matching, entity_get, entity_records

if TYPE_CHECKING:
    from accounts.models import User

MAX_SESSION_LOGS = 10_000  # far more exercises than any session holds
ORDERINGS = ("timestamp", "-timestamp", "duration", "-duration", "selfRating", "-selfRating")


@dataclass(frozen=True)
class LogFilters:
    start: datetime | None = None  # practice time, UTC, inclusive
    end: datetime | None = None  # exclusive
    type: str | None = None
    activity_type: str | None = None
    instrument: str | None = None
    piece: str | None = None  # a piece id (normalised score id)
    session_id: str | None = None
    min_rating: int | None = None
    max_rating: int | None = None

    def admits(self, entry: Entry) -> bool:
        return all(test(entry) for test in self._tests())

    def _tests(self) -> list[Callable[[Entry], bool]]:
        tests: list[Callable[[Entry], bool]] = []
        if self.start or self.end:
            tests.append(lambda e: e.at is not None and _between(e.at, self.start, self.end))
        for name, value in (
            ("type", self.type),
            ("activity_type", self.activity_type),
            ("instrument", self.instrument),
            ("session_id", self.session_id),
        ):
            if value:
                tests.append(lambda e, n=name, v=value: getattr(e, n) == v)
        if self.piece:
            piece = normalize_score_id(self.piece)
            tests.append(lambda e: any(p.id == piece for p in e.practised_pieces))
        if self.min_rating is not None:
            tests.append(lambda e: e.self_rating is not None and e.self_rating >= self.min_rating)
        if self.max_rating is not None:
            tests.append(lambda e: e.self_rating is not None and e.self_rating <= self.max_rating)
        return tests


def _between(at: datetime, start: datetime | None, end: datetime | None) -> bool:
    return (start is None or at >= start) and (end is None or at < end)


@dataclass(frozen=True)
class LogRecord:
    entry: Entry
    version: int
    changed_at: datetime

    def view(self) -> dict[str, Any]:
        return log_view(self.entry.entity_id, self.version, self.entry.data, self.changed_at)


def log_records(*, user: User, entity_ids: list[str] | None = None) -> list[LogRecord]:
    rows = entity_records(user=user, entity_type=LOGBOOK_ENTRY, entity_ids=entity_ids)
    return [
        LogRecord(parse_entry(entity_id, decode_text(text)), version, changed_at)
        for entity_id, version, text, changed_at in rows
    ]


def _sort_key(ordering: str) -> Callable[[LogRecord], tuple]:
    """Entries without the ordered value come last whichever the direction."""
    field = ordering.lstrip("-")

    def value(record: LogRecord) -> Any:
        entry = record.entry
        if field == "timestamp":
            return entry.at.timestamp() if entry.at else None
        return entry.minutes if field == "duration" else entry.self_rating

    sign = -1 if ordering.startswith("-") else 1
    return lambda r: (
        value(r) is None,
        sign * (value(r) or 0),
        sign * (r.entry.at.timestamp() if r.entry.at else 0),
        r.entry.entity_id,
    )


def log_page(
    *, user: User, filters: LogFilters, ordering: str, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of the user's logs that pass `filters`, in `ordering`, and the total."""
    chosen = [r for r in log_records(user=user) if filters.admits(r.entry)]
    chosen.sort(key=_sort_key(ordering))
    return [r.view() for r in chosen[offset : offset + limit]], len(chosen)


def log_get(*, user: User, log_id: str) -> dict[str, Any]:
    """One live log of the user, else a 404 (another user's id is missing, like any other)."""
    row = entity_get(user=user, entity_type=LOGBOOK_ENTRY, entity_id=log_id)
    if row is None:
        raise ApiError(404, "log_not_found", "No practice log with this id.")
    return log_view(row.entity_id, row.version, row.data, row.updated_at)


def logs_by_id(*, user: User, log_ids: list[str]) -> list[dict[str, Any]]:
    """Views of these logs (those that are live), in the order of `log_ids`."""
    found = {r.entry.entity_id: r for r in log_records(user=user, entity_ids=log_ids)}
    return [found[i].view() for i in log_ids if i in found]


def session_log_records(*, user_id: str, session_id: str) -> list[LogRecord]:
    """The live logs naming a session (`sessionId`), in practice-time order."""
    rows = entities_matching(
        user_id=user_id,
        entity_type=LOGBOOK_ENTRY,
        data={"sessionId": session_id},
        limit=MAX_SESSION_LOGS,
    )
    records = [LogRecord(parse_entry(r.entity_id, r.data), r.version, r.updated_at) for r in rows]
    records.sort(key=_sort_key("timestamp"))
    return records
