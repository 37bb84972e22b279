"""Repertoire's part of "everything about a user" (registered with accounts): export and erase."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.db import transaction

from accounts.services import ExportSections, UserDataPart
from repertoire.models import (
    Goal,
    GoalProgress,
    RepertoireStatusChange,
    ScoreAnnotation,
    UserRepertoire,
)

if TYPE_CHECKING:
    from accounts.models import User


def _repertoire(user: User) -> Iterator[dict[str, Any]]:
    items = (
        UserRepertoire.objects.filter(user=user).prefetch_related("history").order_by("created_at")
    )
    for item in items.iterator(chunk_size=500):
        yield {
            "id": item.id,
            "score_id": item.score_id,
            "status": item.status,
            "difficulty_rating": item.difficulty_rating,
            "personal_notes": item.personal_notes,
            "reference_links": item.reference_links,
            "created_at": item.created_at,
            "updated_at": item.updated_at,
            "status_history": [
                {
                    "from_status": h.from_status or None,
                    "to_status": h.to_status,
                    "changed_at": h.changed_at,
                }
                for h in item.history.all()
            ],
        }


def _annotations(user: User) -> Iterator[dict[str, Any]]:
    rows = (
        ScoreAnnotation.objects.filter(user=user)
        .order_by("created_at")
        .values(
            "id",
            "score_id",
            "page_number",
            "annotation_type",
            "annotation_data",
            "created_at",
            "updated_at",
        )
    )
    yield from rows.iterator(chunk_size=500)


def _goals(user: User) -> Iterator[dict[str, Any]]:
    goals = Goal.objects.filter(user=user).prefetch_related("progress").order_by("created_at")
    for goal in goals.iterator(chunk_size=500):
        yield {
            "id": goal.id,
            "title": goal.title,
            "description": goal.description,
            "type": goal.type,
            "target_value": goal.target_value,
            "current_value": goal.current_value,
            "target_date": goal.target_date,
            "status": goal.status,
            "score_id": goal.score_id,
            "measures": goal.measures,
            "practice_plan": goal.practice_plan,
            "milestones": goal.milestones,
            "completed_at": goal.completed_at,
            "created_at": goal.created_at,
            "updated_at": goal.updated_at,
            "progress": [
                {
                    "id": p.id,
                    "value": p.value,
                    "notes": p.notes,
                    "session_id": p.session_id,
                    "recorded_at": p.recorded_at,
                }
                for p in goal.progress.all()
            ],
        }


def export(user: User) -> ExportSections:
    yield "repertoire", _repertoire(user)
    yield "score_annotations", _annotations(user)
    yield "goals", _goals(user)


_TABLES = (UserRepertoire, RepertoireStatusChange, ScoreAnnotation, Goal, GoalProgress)


def erase(user: User) -> dict[str, int]:
    """Deletes every repertoire item (with its status history), annotation and goal (with
    its progress) of the user, in one transaction; returns rows deleted per table."""
    counts: dict[str, int] = {}
    with transaction.atomic(using="default"):
        for model in (UserRepertoire, ScoreAnnotation, Goal):
            _, deleted = model.objects.filter(user=user).delete()
            counts.update(deleted)
    return {model._meta.db_table: counts.get(model._meta.label, 0) for model in _TABLES}


PART = UserDataPart(name="repertoire", database="default", export=export, erase=erase)
