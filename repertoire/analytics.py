"""Practice analytics over parsed logbook entries: pure functions, no database.

Days are calendar days in the user's time zone; weeks start on the requested weekday. An entry's
minutes are split equally among its pieces (as the original client did), so per-piece totals add
up to the minutes of entries that name pieces.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from repertoire.logbook import Entry

GROUPS = ("day", "week", "month")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNKNOWN = "unknown"


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


def _rounded(minutes: float) -> float:
    return round(minutes, 2)


class _Tally:
    """Minutes and entry counts per key."""

    def __init__(self) -> None:
        self.minutes: dict[Any, float] = defaultdict(float)
        self.entries: dict[Any, int] = defaultdict(int)

    def add(self, key: Any, minutes: float) -> None:
        self.minutes[key] += minutes
        self.entries[key] += 1

    def rows(self, name: str) -> list[dict[str, Any]]:
        ordered = sorted(self.minutes, key=lambda k: (-self.minutes[k], str(k)))
        return [
            {name: k, "minutes": _rounded(self.minutes[k]), "entries": self.entries[k]}
            for k in ordered
        ]


def _by_piece(entries: list[Entry]) -> list[dict[str, Any]]:
    tally, names = _Tally(), {}
    for entry in entries:
        share = entry.minutes / len(entry.pieces) if entry.pieces else 0.0
        for piece in entry.pieces:
            tally.add(piece.id, share)
            names.setdefault(piece.id, (piece.title, piece.composer))
    return [
        {
            "piece_id": row["piece_id"],
            "title": names[row["piece_id"]][0],
            "composer": names[row["piece_id"]][1],
            "minutes": row["minutes"],
            "entries": row["entries"],
        }
        for row in tally.rows("piece_id")
    ]


def _by_period(days: list[tuple[date, Entry]], group_by: str, week_start: int) -> list[dict]:
    tally = _Tally()
    for day, entry in days:
        tally.add(period_start(day, group_by, week_start), entry.minutes)
    return [
        {
            "period": period_label(start, group_by),
            "start": start,
            "minutes": _rounded(tally.minutes[start]),
            "entries": tally.entries[start],
        }
        for start in sorted(tally.minutes)
    ]


def _by_field(entries: list[Entry], field: str, name: str) -> list[dict[str, Any]]:
    tally = _Tally()
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
    return {
        "total_minutes": _rounded(total),
        "entry_count": len(chosen),
        "practice_days": len({day for day, _ in days}),
        "average_session_minutes": _rounded(total / len(chosen)) if chosen else 0.0,
        "by_period": _by_period(days, group_by, week_start),
        "by_instrument": _by_field(chosen, "instrument", "instrument"),
        "by_type": _by_field(chosen, "type", "type"),
        "by_piece": _by_piece(chosen),
        "by_mood": _by_field(chosen, "mood", "mood"),
    }


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Consecutive-day runs (first, last) of a sorted list of distinct days."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def streaks(entries: Iterable[Entry], *, zone: ZoneInfo, today: date) -> dict[str, Any]:
    """Current and longest runs of consecutive days with practice. The current streak is the
    run ending today, or yesterday (today is not over yet, so it does not break a streak)."""
    days = sorted({e.at.astimezone(zone).date() for e in entries if e.at and e.is_practice})
    days = [d for d in days if d <= today]  # entries dated in the future do not extend a streak
    runs = _runs(days)
    longest = max(runs, key=lambda r: ((r[1] - r[0]).days, r[1]), default=None)
    last = runs[-1] if runs else None
    current = last if last and (today - last[1]).days <= 1 else None
    return {
        "current_streak": (current[1] - current[0]).days + 1 if current else 0,
        "current_streak_start": current[0] if current else None,
        "longest_streak": (longest[1] - longest[0]).days + 1 if longest else 0,
        "longest_streak_start": longest[0] if longest else None,
        "longest_streak_end": longest[1] if longest else None,
        "last_practice_date": days[-1] if days else None,
        "practiced_today": bool(days) and days[-1] == today,
        "today": today,
        "total_practice_days": len(days),
    }
