"""The practice API's analytics (`/api/analytics/*`, a session's summary, a user's progress),
computed from the live logbook read once per request (docs/progress.md, "Analytics")."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from progress import analytics, stats
from progress.achievements import Facts
from progress.analytics import Window, in_window
from progress.improvement import Periods, improvement
from progress.repertoire_analysis import composer_rows, piece_analysis, status_counts
from progress.report_data import MonthReport, range_report
from progress.selectors.overview import practice_log, progress_facts, repertoire_statuses
from progress.selectors.practice import local_today
from repertoire.selectors import REPERTOIRE_STATUSES, logbook_entries, logbook_moments
from scores.selectors import canonical_composer

if TYPE_CHECKING:
    from accounts.models import User
    from repertoire.selectors import Entry

RECENT_ACTIVITY = 5
ONE_MICROSECOND = timedelta(microseconds=1)


def analytics_practice_time(
    *,
    user: User,
    zone: ZoneInfo,
    window: Window,
    group_by: str,
    week_start: int,
    instrument: str | None,
    activity_type: str | None,
) -> dict[str, Any]:
    body = analytics.practice_time(
        logbook_entries(user=user),
        zone=zone,
        window=window,
        group_by=group_by,
        week_start=week_start,
        instrument=instrument,
        activity_type=activity_type,
    )
    return {"time_zone": zone.key, "group_by": group_by} | body


def analytics_repertoire(
    *, user: User, zone: ZoneInfo, window: Window, limit: int, offset: int
) -> dict[str, Any]:
    """Time and progress per piece and composer in the window, and the repertoire by status."""
    facts = progress_facts(user=user, zone=zone)
    chosen = in_window(facts.practices, window)
    pieces = piece_analysis(chosen, repertoire_statuses(facts))
    return {
        "time_zone": zone.key,
        "total_minutes": analytics.rounded(sum(p.minutes for p in chosen)),
        "logs": len(chosen),
        "piece_count": len(pieces),
        "pieces": pieces[offset : offset + limit],
        "limit": limit,
        "offset": offset,
        "by_composer": composer_rows(pieces, canonical_composer),
        "by_status": status_counts(facts.repertoire, REPERTOIRE_STATUSES),
    }


def analytics_improvement(
    *,
    user: User,
    zone: ZoneInfo,
    window: Window,
    group_by: str,
    week_start: int,
    piece: str | None,
    activity_type: str | None,
) -> dict[str, Any]:
    """Tempo, accuracy and self-rating trends (progress/improvement.py has the method)."""
    chosen = [
        p
        for p in in_window(practice_log(user=user), window)
        if (not activity_type or p.activity_type == activity_type)
        and (not piece or any(q.id == piece for q in p.practised_pieces))
    ]
    periods = Periods(zone=zone, group_by=group_by, week_start=week_start)
    return {"time_zone": zone.key, "group_by": group_by} | improvement(chosen, periods=periods)


def session_summary(*, user: User, logs: list[Entry], zone: ZoneInfo) -> dict[str, Any]:
    """A session's summary (`analytics.session_summary`) with the streak it leaves."""
    days = analytics.practice_days(logbook_moments(user=user), zone)
    today = local_today(zone)
    return analytics.session_summary(logs) | {
        "current_streak": analytics.streaks(days, today=today).current
    }


def practice_report(
    *, facts: Facts, window: Window, achievements: list[dict[str, Any]]
) -> MonthReport:
    """A report of any range: the window's local days (an open side ends at the first or
    last practice, or today)."""
    zone, practices = facts.zone, facts.practices
    first = _local_day(window.start, zone) if window.start else _first_day(practices, facts)
    last = _local_day(window.end - ONE_MICROSECOND, zone) if window.end else None
    last = last or max(facts.today, _last_day(practices, facts))
    title = f"{first:%-d %b %Y} to {last:%-d %b %Y}"
    return range_report(
        facts=facts, first=first, last=max(first, last), achievements=achievements, title=title
    )


def _local_day(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def _first_day(practices: list[Entry], facts: Facts) -> date:
    return _local_day(practices[0].at, facts.zone) if practices else facts.today


def _last_day(practices: list[Entry], facts: Facts) -> date:
    return _local_day(practices[-1].at, facts.zone) if practices else facts.today


def user_progress(*, facts: Facts, achievements: list[dict[str, Any]]) -> dict[str, Any]:
    """The design's ProgressResponse: level, XP, consecutive days, total time, earned
    achievements, and the ids of the latest practice logs (newest first)."""
    practices = facts.practices
    totals = stats.totals(practices, facts.zone)
    days = analytics.practice_days(practices, facts.zone)
    found = analytics.streaks(days, today=facts.today)
    earned = sorted((r for r in achievements if r["earned"]), key=lambda r: r["earned_at"])
    return {
        "time_zone": facts.zone.key,
        "current_level": totals["level"],
        "experience_points": totals["xp"],
        "next_level_xp": totals["next_level_xp"],
        "level_progress": totals["level_progress"],
        "consecutive_days": found.current,
        "longest_streak": found.longest,
        "total_practice_time": totals["total_minutes"],
        "practice_days": totals["practice_days"],
        "achievements": [
            {k: row[k] for k in ("code", "title", "description", "earned_at")} for row in earned
        ],
        "recent_log_ids": [p.entity_id for p in practices[::-1][:RECENT_ACTIVITY]],
    }
