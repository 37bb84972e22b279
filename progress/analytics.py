"""Practice analytics over parsed logbook entries: pure functions, no database.

Days are calendar days in the user's time zone; weeks start on the requested weekday. An entry's
minutes are split equally among its pieces (as the original client did), so per-piece totals add
up to the minutes of entries that name pieces.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from repertoire.selectors import Entry, Moment


GROUPS = ("day", "week", "month")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNKNOWN = "unknown"
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Window:
    """A half-open interval [start, end) of UTC instants; None leaves that side open."""

    start: datetime | None = None
    end: datetime | None = None

    def contains(self, at: datetime | None) -> bool:
        if at is None:
            return False
        return (self.start is None or at >= self.start) and (self.end is None or at < self.end)


def in_window(entries: Iterable[Entry], window: Window) -> list[Entry]:
    return [e for e in entries if window.contains(e.at)]


def period_start(day: date, group_by: str, week_start: int) -> date:
    if group_by == "week":
        return day - timedelta(days=(day.weekday() - week_start) % 7)
    if group_by == "month":
        return day.replace(day=1)
    return day


def period_label(start: date, group_by: str) -> str:
    return start.strftime("%Y-%m") if group_by == "month" else start.isoformat()


def rounded(minutes: float) -> float:
    return round(minutes, 2)


class Tally:
    """Minutes and entry counts per key (practice summary and progress alike)."""

    def __init__(self) -> None:
        self.minutes: dict[Any, float] = defaultdict(float)
        self.entries: dict[Any, int] = defaultdict(int)

    def add(self, key: Any, minutes: float) -> None:
        self.minutes[key] += minutes
        self.entries[key] += 1

    def rows(
        self, name: str, *, extra: Callable[[float], dict[str, Any]] | None = None
    ) -> list[dict[str, Any]]:
        """One row per key, most minutes first; `extra` adds fields computed from the minutes."""
        ordered = sorted(self.minutes, key=lambda k: (-self.minutes[k], str(k)))
        return [
            {name: k, "minutes": rounded(self.minutes[k]), "entries": self.entries[k]}
            | (extra(self.minutes[k]) if extra else {})
            for k in ordered
        ]


def piece_rows(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """Minutes and entries per piece, most minutes first: an entry's minutes are split equally
    among its practised pieces (`Entry.practised_pieces`), and each piece shows the title and
    composer of its most recent entry (a later rename or spelling wins over older logs).
    The one rule for the practice summary, progress and the monthly report."""
    tally = Tally()
    names: dict[str, tuple[datetime | None, str, str]] = {}
    for entry in entries:
        pieces = entry.practised_pieces
        share = entry.minutes / len(pieces) if pieces else 0.0
        for piece in pieces:
            tally.add(piece.id, share)
            seen = names.get(piece.id)
            if seen is None or seen[0] is None or (entry.at is not None and entry.at >= seen[0]):
                names[piece.id] = (entry.at, piece.title, piece.composer)
    return [
        {"piece_id": row["piece_id"], "title": names[row["piece_id"]][1]}
        | {"composer": names[row["piece_id"]][2], "minutes": row["minutes"]}
        | {"entries": row["entries"]}
        for row in tally.rows("piece_id")
    ]


def _by_period(days: list[tuple[date, Entry]], group_by: str, week_start: int) -> list[dict]:
    tally = Tally()
    for day, entry in days:
        tally.add(period_start(day, group_by, week_start), entry.minutes)
    return [
        {
            "period": period_label(start, group_by),
            "start": start,
            "minutes": rounded(tally.minutes[start]),
            "entries": tally.entries[start],
        }
        for start in sorted(tally.minutes)
    ]


def _by_field(entries: list[Entry], field: str, name: str) -> list[dict[str, Any]]:
    tally = Tally()
    for entry in entries:
        tally.add(getattr(entry, field) or UNKNOWN, entry.minutes)
    return tally.rows(name)


def summary(
    entries: Iterable[Entry], *, zone: ZoneInfo, window: Window, group_by: str, week_start: int
) -> dict[str, Any]:
    """Totals of the entries inside `window`, broken down by period, instrument, type, piece
    and mood. Entries without a valid practice time cannot be placed and are left out."""
    chosen = in_window(entries, window)
    days = [(e.at.astimezone(zone).date(), e) for e in chosen]  # type: ignore[union-attr]
    total = sum(e.minutes for e in chosen)
    # Status changes are logbook bookkeeping, not sessions: the same rule as streaks.
    sessions = sum(1 for e in chosen if e.is_practice)
    return {
        "total_minutes": rounded(total),
        "entry_count": len(chosen),
        "practice_days": len(practice_days(chosen, zone)),
        "average_session_minutes": rounded(total / sessions) if sessions else 0.0,
        "by_period": _by_period(days, group_by, week_start),
        "by_instrument": _by_field(chosen, "instrument", "instrument"),
        "by_type": _by_field(chosen, "type", "type"),
        "by_piece": piece_rows(chosen),
        "by_mood": _by_field(chosen, "mood", "mood"),
    }


def practice_days(entries: Iterable[Entry | Moment], zone: ZoneInfo) -> set[date]:
    """The local days in `zone` on which the entries (or their moments) record practice."""
    return {e.at.astimezone(zone).date() for e in entries if e.at and e.is_practice}


# --- Streaks (docs/repertoire.md, docs/progress.md) -----------------------------------------


@dataclass(frozen=True)
class Streaks:
    current: int
    current_start: date | None
    longest: int
    longest_start: date | None
    longest_end: date | None
    last_day: date | None
    total_days: int  # practice days up to today

    def as_dict(self, *, today: date) -> dict[str, Any]:
        return {
            "current_streak": self.current,
            "current_streak_start": self.current_start,
            "longest_streak": self.longest,
            "longest_streak_start": self.longest_start,
            "longest_streak_end": self.longest_end,
            "last_practice_date": self.last_day,
            "practiced_today": self.last_day == today,
        }


def runs(days: Iterable[date]) -> list[tuple[date, date]]:
    """(first, last) of each run of consecutive days, for distinct days in increasing order."""
    found: list[tuple[date, date]] = []
    for day in days:
        if found and day - found[-1][1] == ONE_DAY:
            found[-1] = (found[-1][0], day)
        else:
            found.append((day, day))
    return found


def _length(run: tuple[date, date]) -> int:
    return (run[1] - run[0]).days + 1


def _past_runs(days: Iterable[date], today: date) -> list[tuple[date, date]]:
    # Days after today (an entry dated in the future) never extend a streak.
    return runs(sorted({day for day in days if day <= today}))


def streaks(days: Iterable[date], *, today: date) -> Streaks:
    """Current and longest runs of consecutive practice days (local days). The current streak
    is the run ending today, or yesterday: today is not over, so it does not break a streak."""
    found = _past_runs(days, today)
    if not found:
        return Streaks(0, None, 0, None, None, None, 0)
    longest = max(found, key=lambda run: (_length(run), run[1]))
    last = found[-1]
    current = last if (today - last[1]).days <= 1 else None
    return Streaks(
        current=_length(current) if current else 0,
        current_start=current[0] if current else None,
        longest=_length(longest),
        longest_start=longest[0],
        longest_end=longest[1],
        last_day=last[1],
        total_days=sum(_length(run) for run in found),
    )


def first_run_completion(days: Iterable[date], *, length: int, today: date) -> date | None:
    """The day on which a run of `length` consecutive days was first completed."""
    for first, last in _past_runs(days, today):
        if _length((first, last)) >= length:
            return first + timedelta(days=length - 1)
    return None


# --- The practice API's analytics (docs/progress.md, "Analytics") ---------------------------


def by_activity(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """Minutes and logs per design activity type (`unknown` for logs that name none)."""
    tally = Tally()
    for entry in entries:
        tally.add(entry.activity_type or UNKNOWN, entry.minutes)
    return tally.rows("activity_type")


def practice_time(
    entries: Iterable[Entry],
    *,
    zone: ZoneInfo,
    window: Window,
    group_by: str,
    week_start: int,
    instrument: str | None = None,
    activity_type: str | None = None,
) -> dict[str, Any]:
    """The practice summary (`summary`) of the practice logs matching the filters, with the
    time per activity type beside the time per instrument and type."""
    chosen = [
        e
        for e in entries
        if e.is_practice
        and (not instrument or e.instrument == instrument)
        and (not activity_type or e.activity_type == activity_type)
    ]
    found = summary(chosen, zone=zone, window=window, group_by=group_by, week_start=week_start)
    return found | {"by_activity": by_activity(in_window(chosen, window))}


def session_summary(entries: list[Entry]) -> dict[str, Any]:
    """What a practice session's logs add up to: minutes, logs, time per activity and per
    piece (the one per-piece rule, `piece_rows`) and the mean self rating."""
    ratings = [e.self_rating for e in entries if e.self_rating is not None]
    return {
        "minutes": rounded(sum(e.minutes for e in entries)),
        "logs": len(entries),
        "activities": by_activity(entries),
        "pieces": piece_rows(entries),
        "average_rating": round(sum(ratings) / len(ratings), 2) if ratings else None,
    }
