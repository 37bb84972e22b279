"""Practice analytics for one user, computed on the server from their live logbook."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from progress import analytics
from progress.analytics import Window
from repertoire.selectors import logbook_entries, logbook_moments

if TYPE_CHECKING:
    from accounts.models import User
    from repertoire.selectors import Entry


def local_today(zone: ZoneInfo, now: datetime | None = None) -> date:
    return (now or timezone.now()).astimezone(zone).date()


def practice_summary(
    *, user: User, zone: ZoneInfo, window: Window, group_by: str, week_start: int
) -> dict[str, Any]:

    return analytics.summary(
        logbook_entries(user=user),
        zone=zone,
        window=window,
        group_by=group_by,
        week_start=week_start,
    )


def practice_streaks(*, user: User, zone: ZoneInfo) -> dict[str, Any]:
    today = local_today(zone)
    found = analytics.streaks(
        analytics.practice_days(logbook_moments(user=user), zone), today=today
    )
    return found.as_dict(today=today) | {"today": today, "total_practice_days": found.total_days}


def practice_export_entries(*, user: User, window: Window) -> list[Entry]:
    """Entries in practice-time order. Without a range, the whole logbook: entries with no
    valid time are kept (at the end) so an export never silently drops a log."""
    entries = logbook_entries(user=user)
    if window.start or window.end:
        entries = analytics.in_window(entries, window)
    return sorted(entries, key=lambda e: (e.at is None, e.at or timezone.now(), e.entity_id))
