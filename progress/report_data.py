"""What a practice report says (docs/progress.md, "Reports"): pure functions over practice
records; `report_pdf` lays it out. A report covers a calendar month (`month_report`, the
monthly report) or any range of local days (`range_report`, the analytics export)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from progress import stats
from progress.achievements import Facts
from progress.analytics import by_activity, piece_rows, practice_days, streaks
from progress.entries import instrument_of, type_of

DAILY_BARS = 62  # up to two months, one bar per day; longer ranges, one per week or month
WEEKLY_BARS = 104
MONTHLY_BARS = 120


@dataclass(frozen=True)
class MonthReport:
    first: date
    last: date
    title: str  # "March 2025", or "1 Jan 2025 to 31 Mar 2025"
    scope: str  # "month" or "period": how the report speaks of its range
    time_zone: str
    today: date
    totals: dict[str, Any]
    bar_unit: str  # day, week, month or year
    bars: list[tuple[date, float]]  # minutes per bar, in order (each day of a month report)
    pieces: list[dict[str, Any]]
    types: list[dict[str, Any]]
    instruments: list[dict[str, Any]]
    activities: list[dict[str, Any]]
    longest_streak_in_range: int
    streak_at_end: int
    achievements: list[dict[str, Any]]  # earned in the range: {title, description, on}

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def label(self) -> str:
        return self.title


def _bucket(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1) if unit == "year" else day


def _next(start: date, unit: str) -> date:
    if unit == "day":
        return start + timedelta(days=1)
    if unit == "week":
        return start + timedelta(weeks=1)
    if unit == "month":
        return (start + timedelta(days=32)).replace(day=1)
    return start.replace(year=start.year + 1)


def _unit(first: date, last: date) -> str:
    days = (last - first).days + 1
    if days <= DAILY_BARS:
        return "day"
    if days <= WEEKLY_BARS * 7:
        return "week"
    return "month" if days <= MONTHLY_BARS * 31 else "year"


def _bars(by_day: dict[date, float], first: date, last: date) -> tuple[str, list]:
    """Minutes per bar: every day of a short range; for a long one, the weeks, months or
    years from its first to its last practice (never one bar per day of centuries)."""
    if (last - first).days + 1 <= DAILY_BARS:
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        return "day", [(day, stats.minutes(by_day.get(day, 0.0))) for day in days]
    if not by_day:
        return _unit(first, last), []
    low, high = min(by_day), max(by_day)
    unit = _unit(low, high)
    totals: dict[date, float] = {}
    for day, minutes in by_day.items():
        totals[_bucket(day, unit)] = totals.get(_bucket(day, unit), 0.0) + minutes
    bars, start, end = [], _bucket(low, unit), _bucket(high, unit)
    while start <= end:
        bars.append((start, stats.minutes(totals.get(start, 0.0))))
        try:
            start = _next(start, unit)
        except (OverflowError, ValueError):  # past the calendar's last year
            break
    return unit, bars


def range_report(
    *,
    facts: Facts,
    first: date,
    last: date,
    achievements: list[dict[str, Any]],
    title: str,
    scope: str = "period",
) -> MonthReport:
    """The range's totals, minutes per day (or week, month, year), time per piece, type,
    activity and instrument, streaks, and the achievements earned in it (`achievements` are
    the rows of `achievement_rows`). Days are local days in the facts' zone."""
    zone = facts.zone
    chosen = [p for p in facts.practices if first <= p.at.astimezone(zone).date() <= last]
    by_day = stats.day_minutes(chosen, zone)
    unit, bars = _bars(by_day, first, last)
    as_of = min(last, facts.today)
    all_days = practice_days(facts.practices, zone)
    return MonthReport(
        first=first,
        last=last,
        title=title,
        scope=scope,
        time_zone=zone.key,
        today=facts.today,
        totals=stats.totals(chosen, zone),
        bar_unit=unit,
        bars=bars,
        pieces=piece_rows(chosen),
        types=stats.tally(chosen, type_of).rows("type"),
        instruments=stats.tally(chosen, instrument_of).rows("instrument"),
        activities=by_activity(chosen) if any(p.activity_type for p in chosen) else [],
        longest_streak_in_range=streaks(set(by_day), today=last).longest,
        streak_at_end=streaks(all_days, today=as_of).current if as_of >= first else 0,
        achievements=_earned_in(achievements, first, last, facts),
    )


def month_report(*, facts: Facts, month: date, achievements: list[dict[str, Any]]) -> MonthReport:
    """The monthly report: `range_report` over the month's days."""
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    title = f"{calendar.month_name[month.month]} {month.year}"
    return range_report(
        facts=facts, first=month, last=last, achievements=achievements, title=title, scope="month"
    )


def _earned_in(rows: list[dict[str, Any]], first: date, last: date, facts: Facts) -> list[dict]:
    earned = []
    for row in rows:
        if row["earned_at"] is None:
            continue
        day = row["earned_at"].astimezone(facts.zone).date()
        if first <= day <= last:
            earned.append({"title": row["title"], "description": row["description"]} | {"on": day})
    return sorted(earned, key=lambda row: (row["on"], row["title"]))
