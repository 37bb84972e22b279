"""Engagement figures for staff (docs/operations.md): daily and weekly active users, practice
minutes, and streak retention, computed from every user's logbook for a run of UTC days.

A user is active on a day when their logbook has a practice entry (not a status change) that
starts that day. Entries are read by when they were written: an entry describes practice that
already happened, so one written more than a day (clock skew) before the first day needed
cannot count in the run; `logbook_entries_changed_since` reads from there.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from progress.models import EngagementDay
from repertoire.selectors import logbook_entries_changed_since

WEEK = 7
SKEW = timedelta(days=1)


@dataclass
class _Day:
    users: set[str] = field(default_factory=set)
    minutes: float = 0.0
    entries: int = 0


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _practice_by_day(first: date, last: date) -> dict[date, _Day]:
    days: dict[date, _Day] = defaultdict(_Day)
    for user_id, entry in logbook_entries_changed_since(since=_start_of(first) - SKEW):
        if entry.at is None or not entry.is_practice:
            continue
        day = entry.at.astimezone(UTC).date()
        if first <= day <= last:
            bucket = days[day]
            bucket.users.add(user_id)
            bucket.minutes += entry.minutes
            bucket.entries += 1
    return days


def engagement_compute(*, first: date, last: date) -> list[dict[str, Any]]:
    """The figures of each day from `first` to `last`, one read of the logbooks written
    since the week before `first`."""
    days = _practice_by_day(first - timedelta(days=WEEK - 1), last)
    rows = []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        today, yesterday = days.get(day, _Day()), days.get(day - timedelta(days=1), _Day())
        week: set[str] = set()
        for back in range(WEEK):
            week |= days.get(day - timedelta(days=back), _Day()).users
        returning = len(today.users & yesterday.users)
        rows.append(
            {
                "day": day,
                "active_users": len(today.users),
                "weekly_active_users": len(week),
                "practice_minutes": round(today.minutes, 2),
                "entries": today.entries,
                "returning_users": returning,
                "streak_retention": round(returning / len(yesterday.users), 4)
                if yesterday.users
                else None,
            }
        )
    return rows


def engagement_days(*, limit: int = 30) -> list[EngagementDay]:
    """The most recent rolled-up days, oldest first (for the admin's chart)."""
    return list(reversed(EngagementDay.objects.order_by("-day")[:limit]))
