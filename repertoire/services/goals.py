"""Goals: create (a repertoire goal adds its piece to the repertoire), update, delete, record
progress. Reaching the target completes an active goal, whether the last step was recorded
progress or logged practice minutes synced from a device."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from mirubato.api.errors import ApiError
from repertoire.models import Goal, GoalProgress
from repertoire.selectors.goals import (
    effective_value,
    goal_get,
    goal_logged_minutes,
    target_reached,
)
from repertoire.services.repertoire import repertoire_ensure
from repertoire.services.scores_link import score_id_accept

if TYPE_CHECKING:
    from accounts.models import User

EDITABLE = (
    "title",
    "description",
    "target_value",
    "target_date",
    "status",
    "measures",
    "practice_plan",
    "milestones",
)


def goal_create(*, user: User, score_id: str | None = None, **fields: Any) -> Goal:
    """A new active goal at 0. A repertoire goal naming a piece puts it in the repertoire as
    planned (same normalised id, never a duplicate), in the same transaction."""
    score_id = score_id_accept(user=user, score_id=score_id) if score_id else ""
    now = timezone.now()
    with transaction.atomic(using="default"):
        goal = Goal.objects.create(
            user=user, score_id=score_id, created_at=now, updated_at=now, **fields
        )
        if goal.type == Goal.Type.REPERTOIRE and score_id:
            repertoire_ensure(user=user, score_id=score_id)
    return goal


def _set_status(goal: Goal, status: str, now: Any) -> None:
    if status == goal.status:
        return
    goal.status = status
    goal.completed_at = now if status == Goal.Status.COMPLETED else None


def goal_update(*, user: User, goal_id: str, **changes: Any) -> Goal:
    for fixed in ("type", "score_id"):
        if fixed in changes:
            raise ApiError(
                400,
                "invalid",
                "The request has invalid fields; see details.",
                {fixed: ["Cannot be changed; create another goal."]},
            )
    with transaction.atomic(using="default"):
        goal = Goal.objects.select_for_update().get(pk=goal_get(user=user, goal_id=goal_id).pk)
        now = timezone.now()
        if "status" in changes:
            _set_status(goal, changes.pop("status"), now)
        for field in EDITABLE:
            if field in changes:
                setattr(goal, field, changes[field])
        goal.updated_at = now
        goal.save()
    return goal


def goal_delete(*, user: User, goal_id: str) -> None:
    """Deletes the goal and its progress rows (logbook entries keep their `goalIds`)."""
    with transaction.atomic(using="default"):
        goal_get(user=user, goal_id=goal_id).delete()


def goal_progress_record(
    *, user: User, goal_id: str, value: float, notes: str = "", session_id: str = ""
) -> tuple[Goal, GoalProgress, bool]:
    """Adds `value` to the goal; if that (with logged minutes, for a time goal) reaches the
    target, an active goal becomes completed. Never reverts a status by itself. Returns the
    goal, the progress row, and whether this step completed the goal."""
    logged_minutes = goal_logged_minutes(user=user, goal_id=goal_id)
    with transaction.atomic(using="default"):
        goal = Goal.objects.select_for_update().get(pk=goal_get(user=user, goal_id=goal_id).pk)
        now = timezone.now()
        progress = GoalProgress.objects.create(
            goal=goal, value=value, notes=notes, session_id=session_id, recorded_at=now
        )
        goal.current_value += value
        completes = goal.status == Goal.Status.ACTIVE and target_reached(
            goal, effective_value(goal, logged_minutes)
        )
        if completes:
            _set_status(goal, Goal.Status.COMPLETED, now)
        goal.updated_at = now
        goal.save()
    return goal, progress, completes


def goals_settle(*, goals: Iterable[Goal], views: Iterable[dict[str, Any]]) -> None:
    """Completes active goals whose target is now reached, e.g. by practice minutes that a
    device synced since the goal was last read, and updates their views to match. The
    conditional update makes two concurrent readers complete a goal once."""
    for goal, view in zip(goals, views, strict=True):
        if goal.status != Goal.Status.ACTIVE or not target_reached(goal, view["current_value"]):
            continue
        now = timezone.now()
        done = Goal.objects.filter(pk=goal.pk, status=Goal.Status.ACTIVE).update(
            status=Goal.Status.COMPLETED, completed_at=now, updated_at=now
        )
        if done:
            goal.status, goal.completed_at, goal.updated_at = Goal.Status.COMPLETED, now, now
            view.update(status=goal.status, completed_at=now, updated_at=now)
