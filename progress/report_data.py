"""What a monthly practice report says (docs/progress.md, "Monthly report"): pure functions
over practice records; `report_pdf` lays it out."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from progress import stats
from progress.achievements import Facts
from progress.analytics import piece_rows, practice_days, streaks
from progress.entries import instrument_of, type_of


@dataclass(frozen=True)
class MonthReport:
    month: date  # its first day
    time_zone: str
    today: date
    totals: dict[str, Any]
    per_day: list[tuple[date, float]]  # every day of the month, in order
    pieces: list[dict[str, Any]]
    types: list[dict[str, Any]]
    instruments: list[dict[str, Any]]
    longest_streak_in_month: int
    streak_at_month_end: int
    achievements: list[dict[str, Any]]  # earned this month: {title, earned_on}

    @property
    def label(self) -> str:
        return f"{calendar.month_name[self.month.month]} {self.month.year}"


def month_report(*, facts: Facts, month: date, achievements: list[dict[str, Any]]) -> MonthReport:
    """The month's totals, minutes per day, time per piece, type and instrument, streaks and
    the achievements earned in it (`achievements` are the rows of `achievement_rows`)."""
    zone = facts.zone
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    chosen = [p for p in facts.practices if month <= p.at.astimezone(zone).date() <= last]
    by_day = stats.day_minutes(chosen, zone)
    days = [month + timedelta(days=n) for n in range(last.day)]
    as_of = min(last, facts.today)
    all_days = practice_days(facts.practices, zone)
    return MonthReport(
        month=month,
        time_zone=zone.key,
        today=facts.today,
        totals=stats.totals(chosen, zone),
        per_day=[(day, stats.minutes(by_day.get(day, 0.0))) for day in days],
        pieces=piece_rows(chosen),
        types=stats.tally(chosen, type_of).rows("type"),
        instruments=stats.tally(chosen, instrument_of).rows("instrument"),
        longest_streak_in_month=streaks(set(by_day), today=last).longest,
        streak_at_month_end=streaks(all_days, today=as_of).current if as_of >= month else 0,
        achievements=_earned_in(achievements, month, last, facts),
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
