"""Aggregates of practice records: pure functions, no database (docs/progress.md).

Minutes of an entry with several techniques are split equally among them, as minutes of an
entry with several pieces are split among its pieces, so the parts add up to the whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from statistics import fmean
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from progress.analytics import Tally, practice_days
from progress.analytics import rounded as minutes
from progress.levels import level_info

if TYPE_CHECKING:
    from repertoire.selectors import Entry

RECENT = 10  # a trend compares the last RECENT values with the RECENT before them
TREND_WEEKS = 12


def tally(practices: Iterable[Entry], key: Callable[[Entry], str]) -> Tally:
    counted = Tally()
    for practice in practices:
        counted.add(key(practice), practice.minutes)
    return counted


def technique_tally(practices: Iterable[Entry]) -> Tally:
    counted = Tally()
    for practice in practices:
        for technique in practice.techniques:
            counted.add(technique, practice.minutes / len(practice.techniques))
    return counted


def totals(practices: list[Entry], zone: ZoneInfo) -> dict[str, Any]:
    total = sum(p.minutes for p in practices)
    return {
        "total_minutes": minutes(total),
        "entry_count": len(practices),
        "practice_days": len(practice_days(practices, zone)),
        "average_session_minutes": minutes(total / len(practices)) if practices else 0.0,
        "longest_session_minutes": minutes(max((p.minutes for p in practices), default=0.0)),
    } | level_info(total)


def day_minutes(practices: Iterable[Entry], zone: ZoneInfo) -> dict[date, float]:
    by_day: dict[date, float] = defaultdict(float)
    for practice in practices:
        by_day[practice.at.astimezone(zone).date()] += practice.minutes
    return by_day


# --- Trends ----------------------------------------------------------------------------------


def entry_tempo(practice: Entry) -> float | None:
    """The fastest tempo an entry reports for any of its pieces, else the log's own
    `tempoPracticed`."""
    tempos = (p.tempo for p in practice.practised_pieces if p.tempo is not None)
    return max(tempos, default=practice.tempo_practiced)


def accuracy_points(practices: Iterable[Entry]) -> list[tuple[datetime, float]]:
    return [(p.at, p.accuracy) for p in practices if p.accuracy is not None]


def tempo_points(practices: Iterable[Entry]) -> list[tuple[datetime, float]]:
    found = ((p.at, entry_tempo(p)) for p in practices)
    return [(at, value) for at, value in found if value is not None]


def _mean(values: list[float]) -> float | None:
    return round(fmean(values), 2) if values else None


def trend(points: list[tuple[datetime, float]], *, steady: float) -> dict[str, Any]:
    """Where values (in time order) are heading: the mean of the last RECENT against the mean
    of the RECENT before them; a change smaller than `steady` is "steady"."""
    return values_trend([value for _, value in points], steady=steady)


def values_trend(values: list[float], *, steady: float) -> dict[str, Any]:
    """`trend` of the values alone (in time order)."""
    recent, previous = values[-RECENT:], values[-2 * RECENT : -RECENT]
    change = None
    if recent and previous:
        change = round(fmean(recent) - fmean(previous), 2)
    direction = None
    if change is not None:
        direction = "steady" if abs(change) < steady else ("up" if change > 0 else "down")
    return {
        "count": len(values),
        "average": _mean(values),
        "best": max(values, default=None),
        "latest": values[-1] if values else None,
        "recent_average": _mean(recent),
        "previous_average": _mean(previous),
        "change": change,
        "direction": direction,
    }


def weekly_series(
    points: list[tuple[datetime, float]], zone: ZoneInfo, *, today: date
) -> list[dict[str, Any]]:
    """Mean per week (weeks start on Monday) over the last TREND_WEEKS weeks, weeks with data."""
    first = today - timedelta(days=today.weekday(), weeks=TREND_WEEKS - 1)
    weeks: dict[date, list[float]] = defaultdict(list)
    for at, value in points:
        day = at.astimezone(zone).date()
        if first <= day <= today:
            weeks[day - timedelta(days=day.weekday())].append(value)
    return [
        {"week_start": start, "average": _mean(values), "count": len(values)}
        for start, values in sorted(weeks.items())
    ]
