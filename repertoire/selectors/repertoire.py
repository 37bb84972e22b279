"""Repertoire items with their status history and the practice statistics of their pieces."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Min, Q, QuerySet

from mirubato.api.errors import ApiError
from repertoire.logbook import Entry
from repertoire.models import UserRepertoire
from repertoire.selectors.logbook import logbook_entries
from scores.selectors import normalize_score_id

if TYPE_CHECKING:
    from accounts.models import User

RECENT_SESSIONS = 50
ORDERINGS = ("updated", "lastPracticed")
REPERTOIRE_STATUSES = tuple(UserRepertoire.Status.values)


def repertoire_queryset(*, user: User) -> QuerySet[UserRepertoire]:
    return UserRepertoire.objects.filter(user=user).prefetch_related("history")


def repertoire_history(*, user: User) -> list[tuple[str, str, datetime, datetime | None]]:
    """(score id, status, added at, first moved to polished at) of each of the user's items:
    what progress needs of the repertoire, in one query."""
    polished = Q(history__to_status=UserRepertoire.Status.POLISHED)
    rows = (
        UserRepertoire.objects.filter(user_id=user.pk)
        .annotate(polished_at=Min("history__changed_at", filter=polished))
        .values_list("score_id", "status", "created_at", "polished_at")
    )
    return list(rows)


def repertoire_get(*, user: User, score_id: str) -> UserRepertoire:
    """The caller's item for `score_id` (normalised); anyone else's is a 404 like a missing one."""
    item = repertoire_queryset(user=user).filter(score_id=normalize_score_id(score_id)).first()
    if item is None:
        raise ApiError(404, "not_found", "This piece is not in your repertoire.")
    return item


def _empty_stats() -> dict[str, Any]:
    return {
        "practice_count": 0,
        "total_practice_time": 0.0,
        "first_practiced": None,
        "last_practiced": None,
        "avg_session_duration": 0.0,
    }


def _add(stats: dict[str, Any], entry: Entry) -> None:
    stats["practice_count"] += 1
    stats["total_practice_time"] += entry.minutes
    if entry.at is not None:
        first, last = stats["first_practiced"], stats["last_practiced"]
        stats["first_practiced"] = entry.at if first is None else min(first, entry.at)
        stats["last_practiced"] = entry.at if last is None else max(last, entry.at)


def _finish(stats: dict[str, Any]) -> dict[str, Any]:
    count = stats["practice_count"]
    stats["avg_session_duration"] = round(stats["total_practice_time"] / count, 2) if count else 0.0
    stats["total_practice_time"] = round(stats["total_practice_time"], 2)
    return stats


def practice_stats(entries: Iterable[Entry], score_ids: Iterable[str]) -> dict[str, dict]:
    """Per score id: count, total minutes, first and last practised, average session, from the
    entries linked to it (top-level `scoreId` or a piece's own id), in one pass."""
    stats = {score_id: _empty_stats() for score_id in score_ids}
    for entry in entries:
        linked = {entry.score_id} | {p.id for p in entry.pieces if p.has_own_id}
        for score_id in linked & stats.keys():
            _add(stats[score_id], entry)
    return {score_id: _finish(s) for score_id, s in stats.items()}


def repertoire_item_view(item: UserRepertoire, stats: dict[str, Any]) -> dict[str, Any]:
    history = [
        {"from_status": h.from_status or None, "to_status": h.to_status, "changed_at": h.changed_at}
        for h in item.history.all()
    ]
    return {
        "id": item.id,
        "score_id": item.score_id,
        "status": item.status,
        "difficulty_rating": item.difficulty_rating,
        "personal_notes": item.personal_notes,
        "reference_links": item.reference_links or [],
        "created_at": item.created_at,
        "updated_at": item.updated_at,
        "status_history": history,
        **stats,
    }


def _last_practiced_key(view: dict[str, Any]) -> tuple[bool, datetime | None]:
    # Never-practised items go last; among practised ones, the most recent first.
    return (view["last_practiced"] is not None, view["last_practiced"])


def repertoire_page(
    *, user: User, status: str | None, order_by: str, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of the caller's repertoire with practice statistics."""
    items = repertoire_queryset(user=user).order_by("-updated_at", "-id")
    if status:
        items = items.filter(status=status)
    total = items.count()
    if order_by == "updated":
        items = items[offset : offset + limit]
    chosen = list(items)
    stats = practice_stats(logbook_entries(user=user), [i.score_id for i in chosen])
    views = [repertoire_item_view(i, stats[i.score_id]) for i in chosen]
    if order_by == "lastPracticed":
        views.sort(key=_last_practiced_key, reverse=True)
        views = views[offset : offset + limit]
    return views, total


def repertoire_detail(*, user: User, score_id: str) -> dict[str, Any]:
    item = repertoire_get(user=user, score_id=score_id)
    stats = practice_stats(logbook_entries(user=user), [item.score_id])[item.score_id]
    return repertoire_item_view(item, stats)


def repertoire_stats(*, user: User, score_id: str) -> dict[str, Any]:
    """The item, its statistics, and its most recent sessions (newest first)."""
    item = repertoire_get(user=user, score_id=score_id)
    linked = [e for e in logbook_entries(user=user) if e.links(item.score_id)]
    stats = practice_stats(linked, [item.score_id])[item.score_id]
    recent = sorted((e for e in linked if e.at), key=lambda e: e.at, reverse=True)[:RECENT_SESSIONS]
    sessions = [
        {"entry_id": e.entity_id, "timestamp": e.at, "duration": e.minutes, "notes": e.notes}
        for e in recent
    ]
    return {
        "repertoire": repertoire_item_view(item, stats),
        "stats": {**stats, "recent_sessions": sessions},
    }
