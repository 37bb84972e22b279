"""Practice analytics for one user, computed on the server from their live logbook."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from repertoire import analytics
from repertoire.analytics import Window
from repertoire.logbook import Entry
from repertoire.selectors.logbook import logbook_entries


def local_today(zone: ZoneInfo) -> date:
    return timezone.now().astimezone(zone).date()


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
    return analytics.streaks(logbook_entries(user=user), zone=zone, today=local_today(zone))


def practice_export_entries(*, user: User, window: Window) -> list[Entry]:
    """Entries in practice-time order. Without a range, the whole logbook: entries with no
    valid time are kept (at the end) so an export never silently drops a log."""
    entries = logbook_entries(user=user)
    if window.start or window.end:
        entries = analytics.in_window(entries, window)
    return sorted(entries, key=lambda e: (e.at is None, e.at or timezone.now(), e.entity_id))
