"""Goals with real statistics: progress recorded in `goal_progress`, plus, for practice-time
goals, the minutes of live logbook entries that link the goal in their `goalIds`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from mirubato.api.errors import ApiError
from repertoire.logbook import Entry
from repertoire.models import Goal, GoalProgress
from repertoire.selectors.logbook import logbook_entries
from scores.selectors import normalize_score_id

if TYPE_CHECKING:
    from accounts.models import User

RECENT_SESSIONS = 10
RECENT_PROGRESS = 50


def goal_list(
    *, user: User, status: str | None = None, type: str | None = None, score_id: str | None = None
) -> QuerySet[Goal]:

    goals = Goal.objects.filter(user=user)
    if status:
        goals = goals.filter(status=status)
    if type:
        goals = goals.filter(type=type)
    if score_id:
        goals = goals.filter(score_id=normalize_score_id(score_id))
    return goals.order_by("-created_at", "-id")


def goal_get(*, user: User, goal_id: str) -> Goal:
    goal = Goal.objects.filter(user=user, pk=goal_id).first()
    if goal is None:
        raise ApiError(404, "not_found", "No goal with this id.")
    return goal


def linked_entries(entries: Iterable[Entry], goal_ids: Iterable[str]) -> dict[str, list[Entry]]:
    wanted = set(goal_ids)
    linked: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for goal_id in entry.goal_ids & wanted:
            linked[goal_id].append(entry)
    return linked


def goal_logged_minutes(*, user: User, goal_id: str) -> float:
    linked = linked_entries(logbook_entries(user=user), [goal_id]).get(goal_id, [])
    return sum(e.minutes for e in linked)


def effective_value(goal: Goal, logged_minutes: float) -> float:
    """What counts towards the target: recorded progress, plus logged minutes for time goals."""
    if goal.type == Goal.Type.PRACTICE_TIME:
        return goal.current_value + logged_minutes
    return goal.current_value


def target_reached(goal: Goal, value: float) -> bool:
    """A goal with no target, or a target of 0, has nothing to reach: it is completed by hand."""
    return bool(goal.target_value) and value >= goal.target_value  # type: ignore[operator]


def goal_view(goal: Goal, linked: list[Entry]) -> dict[str, Any]:
    logged = round(sum(e.minutes for e in linked), 2)
    return {
        "id": goal.id,
        "title": goal.title,
        "description": goal.description,
        "type": goal.type,
        "target_value": goal.target_value,
        "current_value": round(effective_value(goal, logged), 2),
        "recorded_value": goal.current_value,
        "target_date": goal.target_date,
        "status": goal.status,
        "score_id": goal.score_id or None,
        "measures": goal.measures,
        "practice_plan": goal.practice_plan,
        "milestones": goal.milestones,
        "completed_at": goal.completed_at,
        "created_at": goal.created_at,
        "updated_at": goal.updated_at,
        "related_sessions": len(linked),
        "total_practice_time": logged,
    }


def goal_views(*, user: User, goals: list[Goal]) -> list[dict[str, Any]]:
    linked = linked_entries(logbook_entries(user=user), [g.id for g in goals])
    return [goal_view(g, linked.get(g.id, [])) for g in goals]


def progress_view(progress: GoalProgress) -> dict[str, Any]:
    return {
        "id": progress.id,
        "value": progress.value,
        "notes": progress.notes,
        "session_id": progress.session_id or None,
        "recorded_at": progress.recorded_at,
    }


def goal_detail(*, user: User, goal: Goal) -> dict[str, Any]:
    """The goal with its recent linked sessions and recorded progress, newest first."""
    linked = linked_entries(logbook_entries(user=user), [goal.id]).get(goal.id, [])
    recent = sorted((e for e in linked if e.at), key=lambda e: e.at, reverse=True)
    progress = goal.progress.order_by("-recorded_at", "-id")[:RECENT_PROGRESS]
    return {
        **goal_view(goal, linked),
        "recent_sessions": [
            {"entry_id": e.entity_id, "timestamp": e.at, "duration": e.minutes, "notes": e.notes}
            for e in recent[:RECENT_SESSIONS]
        ],
        "progress": [progress_view(p) for p in progress],
    }
