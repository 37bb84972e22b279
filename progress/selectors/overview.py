"""Reads behind the progress endpoints: the logbook and repertoire read once per request, then
pure aggregation (`stats`, `analytics`, `achievements`, `pieces`). Nothing here is stored, so
every figure follows the logbook exactly: a deleted entry lowers it, a late one counts."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from mirubato.api.errors import ApiError
from progress import stats
from progress.achievements import CATALOGUE, Facts, Outcome, RepertoireFact
from progress.analytics import WEEKDAYS, piece_rows, practice_days, streaks
from progress.entries import instrument_of, practice_entries, type_of
from progress.levels import level_info
from progress.pieces import piece_progress, pieces_progress
from progress.selectors.practice import local_today
from repertoire.selectors import logbook_entries, repertoire_history
from scores.selectors import is_catalogue_id, score_is_visible, score_names

if TYPE_CHECKING:
    from accounts.models import User
    from progress.models import UserAchievement
    from repertoire.selectors import Entry

UTC = ZoneInfo("UTC")

RECENT_ACTIVITY = 5
RECENT_ACHIEVEMENTS = 3
ACCURACY_STEADY = 1.0  # percentage points
TEMPO_STEADY = 1.0  # beats per minute


def practice_log(*, user: User) -> list[Entry]:
    """The user's live logbook entries that record practice, oldest first."""
    return practice_entries(logbook_entries(user=user))


def repertoire_facts(*, user: User) -> list[RepertoireFact]:
    return [RepertoireFact(*row) for row in repertoire_history(user=user)]


def progress_facts(*, user: User, zone: ZoneInfo, now: datetime | None = None) -> Facts:
    today = local_today(zone, now)
    return Facts(practice_log(user=user), repertoire_facts(user=user), zone, today)


def _streaks(practices: list[Entry], facts: Facts) -> dict[str, Any]:
    days = practice_days(practices, facts.zone)
    return streaks(days, today=facts.today).as_dict(today=facts.today)


def _trends(practices: list[Entry]) -> dict[str, Any]:
    return {
        "accuracy": stats.trend(stats.accuracy_points(practices), steady=ACCURACY_STEADY),
        "tempo": stats.trend(stats.tempo_points(practices), steady=TEMPO_STEADY),
    }


def _activity(practice: Entry) -> dict[str, Any]:
    return {
        "entry_id": practice.entity_id,
        "practiced_at": practice.at,
        "minutes": practice.minutes,
        "type": type_of(practice),
        "instrument": instrument_of(practice),
        "pieces": [
            {"id": p.id, "title": p.title, "composer": p.composer}
            for p in practice.practised_pieces
        ],
    }


def _header(facts: Facts) -> dict[str, Any]:
    return {"time_zone": facts.zone.key, "today": facts.today}


def achievement_rows(
    outcomes: dict[str, Outcome], awards: dict[str, UserAchievement]
) -> list[dict[str, Any]]:
    """The whole catalogue: awarded ones with their date, the others with progress."""
    rows = []
    for achievement in CATALOGUE:
        award, value = awards.get(achievement.code), outcomes[achievement.code].value
        rows.append(
            {
                "code": achievement.code,
                "title": achievement.title,
                "description": achievement.description,
                "target": achievement.target,
                "unit": achievement.unit,
                "value": achievement.target if award else value,
                "progress": 1.0 if award else round(value / achievement.target, 3),
                "earned": award is not None,
                "earned_at": award.earned_at if award else None,
                "entry_id": (award.entry_id or None) if award else None,
            }
        )
    return rows


def _achievement_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    earned = sorted((r for r in rows if r["earned"]), key=lambda r: r["earned_at"], reverse=True)
    recent = [{k: r[k] for k in ("code", "title", "earned_at")} for r in earned]
    return {"earned": len(earned), "total": len(rows), "recent": recent[:RECENT_ACHIEVEMENTS]}


def progress_overview(*, facts: Facts, achievements: list[dict[str, Any]]) -> dict[str, Any]:
    practices = facts.practices
    return {
        **_header(facts),
        **stats.totals(practices, facts.zone),
        **_streaks(practices, facts),
        "instruments": stats.tally(practices, instrument_of).rows("instrument", extra=level_info),
        **_trends(practices),
        "achievements": _achievement_summary(achievements),
        "recent_activity": [_activity(p) for p in practices[::-1][:RECENT_ACTIVITY]],
    }


def progress_instrument(*, facts: Facts, instrument: str) -> dict[str, Any]:
    """Progress on one instrument, by skill area: entry types and techniques."""
    practices = [p for p in facts.practices if instrument_of(p) == instrument]
    return {
        **_header(facts),
        "instrument": instrument,
        **stats.totals(practices, facts.zone),
        **_streaks(practices, facts),
        "types": stats.tally(practices, type_of).rows("type", extra=level_info),
        "techniques": stats.technique_tally(practices).rows("technique", extra=level_info),
        **_trends(practices),
        "pieces": piece_rows(practices)[:10],
    }


def _by_time(practices: list[Entry], facts: Facts) -> dict[str, Any]:
    weekday, hour, month = stats.Tally(), stats.Tally(), stats.Tally()
    for practice in practices:
        local = practice.at.astimezone(facts.zone)
        weekday.add(WEEKDAYS[local.weekday()], practice.minutes)
        hour.add(f"{local.hour:02d}", practice.minutes)
        month.add(local.strftime("%Y-%m"), practice.minutes)
    return {
        "by_weekday": [_slot("weekday", day, weekday) for day in WEEKDAYS],
        "by_hour": [_slot("hour", f"{h:02d}", hour) | {"hour": h} for h in range(24)],
        "by_month": [_slot("month", m, month) for m in sorted(month.minutes)],
    }


def _slot(name: str, key: str, tally: stats.Tally) -> dict[str, Any]:
    return {name: key, "minutes": stats.minutes(tally.minutes.get(key, 0.0))} | {
        "entries": tally.entries.get(key, 0)
    }


def _series(practices: list[Entry], facts: Facts) -> dict[str, Any]:
    trends = _trends(practices)
    for name, points in (
        ("accuracy", stats.accuracy_points(practices)),
        ("tempo", stats.tempo_points(practices)),
    ):
        trends[name]["weekly"] = stats.weekly_series(points, facts.zone, today=facts.today)
    return trends


def progress_statistics(*, facts: Facts) -> dict[str, Any]:
    practices = facts.practices
    pieces = piece_rows(practices)
    return {
        **_header(facts),
        **stats.totals(practices, facts.zone),
        **_streaks(practices, facts),
        "by_instrument": stats.tally(practices, instrument_of).rows("instrument", extra=level_info),
        "by_type": stats.tally(practices, type_of).rows("type", extra=level_info),
        "by_technique": stats.technique_tally(practices).rows("technique", extra=level_info),
        "by_mood": stats.tally((p for p in practices if p.mood), lambda p: p.mood).rows("mood"),
        **_by_time(practices, facts),
        "unique_pieces": len(pieces),
        "unique_composers": len({row["composer"].lower() for row in pieces if row["composer"]}),
        **_series(practices, facts),
    }


def repertoire_statuses(facts: Facts) -> dict[str, str]:
    return {item.score_id: item.status for item in facts.repertoire}


def with_catalogue_names(*, user: User, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Titles and composers from the catalogue for the scores the user may open (one query on
    `scores`, no join across databases); others keep the names their entries carry."""
    names = score_names(user=user, score_ids=[row["score_id"] for row in rows])
    for row in rows:
        if row["score_id"] in names:
            row["title"], row["composer"] = names[row["score_id"]]
    return rows


def pieces_page(*, user: User, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """One page of per-piece progress, most recently practised first, and the total."""
    facts = progress_facts(user=user, zone=UTC)  # no calendar days in per-piece figures
    rows = pieces_progress(facts.practices, repertoire_statuses(facts))
    return with_catalogue_names(user=user, rows=rows[offset : offset + limit]), len(rows)


def piece_detail(*, user: User, facts: Facts, score_id: str) -> dict[str, Any]:
    """One catalogue piece's progress: zeros when visible but never practised; a 404 when it is
    neither practised nor a catalogue score the user may open."""
    row = piece_progress(facts.practices, repertoire_statuses(facts), score_id=score_id)
    practised = row["times_practiced"] > 0
    if not is_catalogue_id(score_id) or not (
        practised or score_is_visible(score_id=score_id, user=user)
    ):
        raise ApiError(404, "score_not_found", "No catalogue score with this id.")
    return with_catalogue_names(user=user, rows=[row])[0]
