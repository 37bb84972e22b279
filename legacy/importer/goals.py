"""The API database's `goals` and `goal_progress` → our goals and their recorded progress,
checked by the goal endpoints' input serializers.

The original kept its JSON columns in the client's camelCase (`dailyMinutes`, `targetDate`)
and dates as the client sent them; both are read into our fields before the check. A goal
that names a piece links it by our rules (normalised, and a catalogue score must be one the
user may open).
"""

from __future__ import annotations

import math
from typing import Any

from legacy.importer.batches import Batcher
from legacy.importer.checks import checked, row_times
from legacy.importer.context import ImportContext
from legacy.importer.readers import Source
from legacy.importer.values import RowError, day, derived_id, json_of, text
from mirubato.api.camel import underscoreize
from repertoire import services as repertoire
from repertoire.api.inputs import (
    GoalCreateInputSerializer,
    GoalProgressInputSerializer,
    GoalUpdateInputSerializer,
)

GoalMap = dict[str, tuple[str, str]]  # original goal id -> (our user id, our goal id)


def _milestones(raw: Any, goal_id: str) -> Any:
    """Milestones in our field names; one without an id gets a stable one (the serializer
    would give it a new one on every run)."""
    milestones = underscoreize(raw)
    if not isinstance(milestones, list):
        return milestones
    return [
        {"id": derived_id("milestone", goal_id, str(n)), **m}
        if isinstance(m, dict) and not m.get("id")
        else m
        for n, m in enumerate(milestones)
    ]


def _goal_fields(row: dict[str, Any]) -> dict[str, Any]:
    fields = {
        "title": text(row.get("title")),
        "description": text(row.get("description")),
        "type": text(row.get("type")),
        # The original stored `value || null`: no target is null, never 0.
        "target_value": row.get("target_value") or None,
        "target_date": day(row.get("target_date")),
        "measures": json_of(row.get("measures"), list, "measures"),
        "practice_plan": underscoreize(json_of(row.get("practice_plan"), dict, "practice_plan")),
        "milestones": _milestones(
            json_of(row.get("milestones"), list, "milestones"), text(row.get("id"))
        ),
    }
    if text(row.get("score_id")):
        fields["score_id"] = text(row.get("score_id"))
    return fields


def _current_value(raw: Any) -> float:
    if raw is None:
        return 0.0
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise RowError("current_value: must be a number")
    return float(raw)


def goal_record(row: dict[str, Any], *, user_id: str, ctx: ImportContext) -> Any:
    data = checked(GoalCreateInputSerializer, _goal_fields(row))
    status = checked(GoalUpdateInputSerializer, {"status": text(row.get("status")) or "active"})
    created, updated = row_times(row)
    score_id = data.get("score_id") or ""
    original = text(row.get("id"))
    return repertoire.GoalRecord(
        ids=(original, derived_id("goal", user_id, original)),
        title=data["title"],
        type=data["type"],
        status=status["status"],
        created_at=created,
        updated_at=updated,
        description=data.get("description", ""),
        target_value=data.get("target_value"),
        current_value=_current_value(row.get("current_value")),
        target_date=data.get("target_date"),
        score_id=ctx.accept_score_id(user_id=user_id, score_id=score_id) if score_id else "",
        measures=data.get("measures"),
        practice_plan=data.get("practice_plan"),
        milestones=data.get("milestones"),
        completed_at=updated if status["status"] == "completed" else None,
    )


def import_goals(ctx: ImportContext, source: Source) -> GoalMap:
    report = ctx.report.table("goals", kept_means="a later edit of the goal is here")
    goals: GoalMap = {}

    def write(user_id: str, records: list[Any]) -> list[tuple[str, str]]:
        return repertoire.goals_import(user_id=user_id, records=records, dry_run=ctx.dry_run)

    batcher = Batcher(ctx, report, write, source.count("goals"))
    for row in source.rows("goals", order_by=("user_id", "created_at", "id")):
        report.read += 1
        original = text(row.get("id"))
        where = ctx.where("goals", original, row.get("user_id"))
        try:
            user_id = ctx.users.resolve(row.get("user_id"))
            record = goal_record(row, user_id=user_id, ctx=ctx)
        except RowError as exc:
            report.failed(where, str(exc))
            continue

        def done(
            outcome: tuple[str, str], original: str = original, user_id: str = user_id
        ) -> None:
            if outcome[0] != "failed":
                goals[original] = (user_id, outcome[1])

        batcher.add(user_id, where, record, done)
    batcher.close()
    return goals


def progress_record(row: dict[str, Any], goal_id: str, user_id: str) -> Any:
    data = checked(
        GoalProgressInputSerializer,
        {
            "value": row.get("value"),
            "notes": text(row.get("notes")),
            "session_id": text(row.get("session_id")),
        },
    )
    original = text(row.get("id"))
    return repertoire.ProgressRecord(
        ids=(original, derived_id("progress", user_id, original)),
        goal_id=goal_id,
        value=data["value"],
        recorded_at=row_times({"created_at": row.get("recorded_at")})[0],
        notes=data.get("notes", ""),
        session_id=data.get("session_id", ""),
    )


def import_goal_progress(ctx: ImportContext, source: Source, goals: GoalMap) -> None:
    report = ctx.report.table("goal_progress")

    def write(user_id: str, records: list[Any]) -> list[tuple[str, str]]:
        return repertoire.goal_progress_import(
            user_id=user_id, records=records, dry_run=ctx.dry_run
        )

    batcher = Batcher(ctx, report, write, source.count("goal_progress"))
    for row in source.rows("goal_progress", order_by=("goal_id", "recorded_at", "id")):
        report.read += 1
        where = f"goal_progress {text(row.get('id'))} (goal {text(row.get('goal_id'))})"
        if text(row.get("goal_id")) not in goals:
            report.failed(where, "its goal was not imported")
            continue
        user_id, goal_id = goals[text(row.get("goal_id"))]
        try:
            record = progress_record(row, goal_id, user_id)
        except RowError as exc:
            report.failed(where, str(exc))
            continue
        batcher.add(user_id, where, record)
    batcher.close()
