"""The API database's `user_repertoire` and `score_annotations` → our repertoire items and
annotations, checked as the REST API checks them.

The original recorded status changes as `[STATUS_CHANGE:<time>:<old>:<new>]` markers appended
to the notes (a notes edit then lost them). Here they become the item's dated status history
and leave the notes, which keep only what the musician wrote.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from legacy.importer.batches import Batcher
from legacy.importer.checks import checked, row_times
from legacy.importer.context import ImportContext
from legacy.importer.readers import Source
from legacy.importer.values import RowError, derived_id, json_of, moment, text
from repertoire import selectors as repertoire_reads
from repertoire import services as repertoire
from repertoire.api.inputs import RepertoireCreateInputSerializer

MARKER = re.compile(r"\n?\[STATUS_CHANGE:(?P<at>[^\]]+):(?P<old>[a-z_]+):(?P<new>[a-z_]+)\]")


def status_history(
    notes: str, *, status: str, created_at: datetime
) -> tuple[str, tuple[repertoire.StatusStep, ...]]:
    """(the notes without markers, the history they recorded), starting with the status the
    item was added with; markers naming a status we do not have are left out."""
    known = set(repertoire_reads.REPERTOIRE_STATUSES)
    marks = [m for m in MARKER.finditer(notes) if {m["old"], m["new"]} <= known]
    first = marks[0]["old"] if marks else status
    steps = [repertoire.StatusStep("", first, created_at)]
    for mark in marks:
        steps.append(
            repertoire.StatusStep(mark["old"], mark["new"], moment(mark["at"]) or created_at)
        )
    return MARKER.sub("", notes).strip(), tuple(steps)


def repertoire_record(row: dict[str, Any], *, user_id: str, ctx: ImportContext) -> Any:
    created, updated = row_times(row)
    notes, history = status_history(
        text(row.get("personal_notes")), status=text(row.get("status")), created_at=created
    )
    fields = {
        "score_id": text(row.get("score_id")),
        "status": text(row.get("status")) or "planned",
        "difficulty_rating": row.get("difficulty_rating"),
        "personal_notes": notes,
        "reference_links": json_of(row.get("reference_links"), list, "reference_links", default=[]),
    }
    data = checked(RepertoireCreateInputSerializer, fields)
    return repertoire.RepertoireRecord(
        score_id=ctx.accept_score_id(user_id=user_id, score_id=data["score_id"]),
        status=data["status"],
        difficulty_rating=data.get("difficulty_rating"),
        personal_notes=data.get("personal_notes", ""),
        reference_links=data.get("reference_links", []),
        created_at=created,
        updated_at=updated,
        history=history,
        ids=(text(row.get("id")),),
    )


def import_repertoire(ctx: ImportContext, source: Source) -> None:
    report = ctx.report.table("user_repertoire", kept_means="a later edit of the piece is here")

    def write(user_id: str, records: list[Any]) -> list[tuple[str, str]]:
        return repertoire.repertoire_import(user_id=user_id, records=records, dry_run=ctx.dry_run)

    batcher = Batcher(ctx, report, write, source.count("user_repertoire"))
    for row in source.rows("user_repertoire", order_by=("user_id", "created_at", "id")):
        report.read += 1
        where = ctx.where("user_repertoire", text(row.get("score_id")), row.get("user_id"))
        try:
            user_id = ctx.users.resolve(row.get("user_id"))
            record = repertoire_record(row, user_id=user_id, ctx=ctx)
        except RowError as exc:
            report.failed(where, str(exc))
            continue
        batcher.add(user_id, where, record)
    batcher.close()


def annotation_record(row: dict[str, Any], *, user_id: str, ctx: ImportContext) -> Any:
    created, updated = row_times(row)
    original = text(row.get("id"))
    page = row.get("page_number")
    if isinstance(page, bool) or not isinstance(page, int):
        raise RowError("page_number: must be a whole number")
    return repertoire.AnnotationRecord(
        score_id=ctx.accept_score_id(user_id=user_id, score_id=text(row.get("score_id"))),
        page_number=page,
        annotation_type=text(row.get("annotation_type")),
        annotation_data=json_of(row.get("annotation_data"), dict, "annotation_data", default={}),
        created_at=created,
        updated_at=updated,
        ids=(original, derived_id("annotation", user_id, original)),
    )


def import_annotations(ctx: ImportContext, source: Source) -> None:
    report = ctx.report.table("score_annotations", kept_means="a later edit is here")

    def write(user_id: str, records: list[Any]) -> list[tuple[str, str]]:
        return repertoire.annotations_import(user_id=user_id, records=records, dry_run=ctx.dry_run)

    batcher = Batcher(ctx, report, write, source.count("score_annotations"))
    for row in source.rows("score_annotations", order_by=("user_id", "created_at", "id")):
        report.read += 1
        where = ctx.where("score_annotations", text(row.get("id")), row.get("user_id"))
        try:
            user_id = ctx.users.resolve(row.get("user_id"))
            record = annotation_record(row, user_id=user_id, ctx=ctx)
        except RowError as exc:
            report.failed(where, str(exc))
            continue
        batcher.add(user_id, where, record)
    batcher.close()
