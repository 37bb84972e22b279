"""Goals and their recorded progress moving in from another deployment (`manage.py
import_mirubato`), in batches: one transaction per batch, an outcome per record.

Goals are keyed by id: the caller passes candidate ids (the original's, then one derived from
it), so the same goal maps to the same row on every run. A goal here is replaced only by a
later edit (by `updated_at`). Progress rows are history: created once, never changed, and
they do not add to the goal's value again (the imported `current_value` already holds them).
A repertoire goal naming a piece puts it in the repertoire, as `goal_create` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from repertoire.models import Goal, GoalProgress
from repertoire.services.bulk_import import Outcome, free_id
from repertoire.services.repertoire import repertoire_ensure

COMPARED = (
    "title",
    "description",
    "type",
    "target_value",
    "current_value",
    "target_date",
    "status",
    "score_id",
    "measures",
    "practice_plan",
    "milestones",
)


@dataclass(frozen=True)
class GoalRecord:
    ids: tuple[str, ...]
    title: str
    type: str
    status: str
    created_at: datetime
    updated_at: datetime
    description: str = ""
    target_value: int | None = None
    current_value: float = 0
    target_date: date | None = None
    score_id: str = ""
    measures: list[str] | None = None
    practice_plan: dict[str, Any] | None = None
    milestones: list[dict[str, Any]] | None = None
    completed_at: datetime | None = None

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in COMPARED}


def _goal_create(user_id: str, record: GoalRecord, *, dry_run: bool) -> Goal:
    goal = Goal(
        id=free_id(Goal, record.ids),
        user_id=user_id,
        completed_at=record.completed_at,
        created_at=record.created_at,
        updated_at=record.updated_at,
        **record.values(),
    )
    if not dry_run:
        goal.save(force_insert=True)
        if goal.type == Goal.Type.REPERTOIRE and goal.score_id:
            user = get_user_model().objects.get(pk=user_id)
            repertoire_ensure(user=user, score_id=goal.score_id)
    return goal


def _goal_one(
    user_id: str, found: dict[str, Goal], record: GoalRecord, *, dry_run: bool
) -> Outcome:
    goal = next((found[i] for i in record.ids if i in found), None)
    if goal is None:
        goal = _goal_create(user_id, record, dry_run=dry_run)
        found.update(dict.fromkeys(record.ids, goal))
        return "created", goal.pk
    if all(getattr(goal, name) == value for name, value in record.values().items()):
        return "unchanged", goal.pk
    if record.updated_at <= goal.updated_at:
        return "kept", goal.pk
    for name, value in record.values().items():
        setattr(goal, name, value)
    goal.completed_at, goal.updated_at = record.completed_at, record.updated_at
    if not dry_run:
        goal.save()
    return "updated", goal.pk


def goals_import(
    *, user_id: str, records: Sequence[GoalRecord], dry_run: bool = False
) -> list[Outcome]:
    """One user's goals; the detail of a written or unchanged one is our goal id."""
    with transaction.atomic(using="default"):
        ids = [i for r in records for i in r.ids]
        found = {g.pk: g for g in Goal.objects.filter(user_id=user_id, pk__in=ids)}
        return [_goal_one(user_id, found, r, dry_run=dry_run) for r in records]


@dataclass(frozen=True)
class ProgressRecord:
    ids: tuple[str, ...]
    goal_id: str  # ours
    value: float
    recorded_at: datetime
    notes: str = ""
    session_id: str = ""


def _progress_one(
    found: dict[str, GoalProgress], goals: set[str], record: ProgressRecord, *, dry_run: bool
) -> Outcome:
    existing = next((found[i] for i in record.ids if i in found), None)
    if existing is not None:
        return "unchanged", existing.pk
    if not dry_run and record.goal_id not in goals:
        return "failed", f"goal {record.goal_id} is not this user's"
    progress = GoalProgress(
        id=free_id(GoalProgress, record.ids),
        goal_id=record.goal_id,
        value=record.value,
        notes=record.notes,
        session_id=record.session_id,
        recorded_at=record.recorded_at,
    )
    if not dry_run:
        progress.save(force_insert=True)
    found.update(dict.fromkeys(record.ids, progress))
    return "created", progress.pk


def goal_progress_import(
    *, user_id: str, records: Sequence[ProgressRecord], dry_run: bool = False
) -> list[Outcome]:
    """One user's progress rows, keyed by id, on goals of that user (in a dry run the goals
    may not exist yet: the caller vouches for them)."""
    with transaction.atomic(using="default"):
        ids = [i for r in records for i in r.ids]
        found = {p.pk: p for p in GoalProgress.objects.filter(goal__user_id=user_id, pk__in=ids)}
        goal_ids = {r.goal_id for r in records}
        goals = set(
            Goal.objects.filter(user_id=user_id, pk__in=goal_ids).values_list("pk", flat=True)
        )
        return [_progress_one(found, goals, r, dry_run=dry_run) for r in records]
