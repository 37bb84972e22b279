"""Runs of consecutive practice days: the streak rules (docs/progress.md, "Streaks").

Days are calendar days in the user's time zone. The current streak is the run that ends today,
or yesterday (today is not over, so it does not break a streak yet). Days after today (an entry
dated in the future) never extend a streak.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Streaks:
    current: int
    current_start: date | None
    longest: int
    longest_start: date | None
    longest_end: date | None
    last_day: date | None

    def as_dict(self, *, today: date) -> dict:
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
    """(first, last) of each run of consecutive days, for days given in increasing order."""
    found: list[tuple[date, date]] = []
    for day in days:
        if found and day - found[-1][1] == ONE_DAY:
            found[-1] = (found[-1][0], day)
        elif not found or day > found[-1][1]:
            found.append((day, day))
    return found


def _length(run: tuple[date, date]) -> int:
    return (run[1] - run[0]).days + 1


def streaks(days: Iterable[date], *, today: date) -> Streaks:
    """Current and longest streaks of a set of practice days."""
    found = runs(sorted({day for day in days if day <= today}))
    if not found:
        return Streaks(0, None, 0, None, None, None)
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
    )


def first_run_completion(days: Iterable[date], *, length: int, today: date) -> date | None:
    """The day on which a run of `length` consecutive days was first completed."""
    for first, last in runs(sorted({day for day in days if day <= today})):
        if _length((first, last)) >= length:
            return first + timedelta(days=length - 1)
    return None
