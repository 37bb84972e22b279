"""The dictionary database's `dictionary_entries`, `related_terms` and `user_feedback` → ours.

Entries keep their JSON documents as they were (`refs` is our `references`, `quality_score`
our `quality`) and meet the dictionary's own content rules. The original served no entry
scoring below 60 to a lookup; those arrive as drafts, for staff to review, so a lookup here
does not serve them either. Generated entries are marked as the AI's.
"""

from __future__ import annotations

import math
from typing import Any

from dictionary import services as dictionary
from dictionary.api.inputs import FeedbackInputSerializer
from legacy.importer.batches import Batcher
from legacy.importer.checks import checked, row_times
from legacy.importer.context import ImportContext
from legacy.importer.readers import Source
from legacy.importer.values import RowError, count, json_of, text

SERVED_FROM = 60  # the original's lookups showed entries scoring at least this

EntryMap = dict[str, str]  # original entry id -> ours


def _definition(raw: Any) -> dict[str, Any]:
    """The definition document; plain text (the schema allows it) is both of its texts."""
    if isinstance(raw, str) and raw.strip()[:1] != "{":
        return {"concise": raw.strip(), "detailed": raw.strip()}
    definition = json_of(raw, dict, "definition")
    if definition is None:
        raise RowError("definition: missing")
    return definition


def _score(raw: Any) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise RowError("overall_score: must be a number")
    return round(raw)


def entry_record(row: dict[str, Any]) -> Any:
    created, updated = row_times(row)
    score = _score(row.get("overall_score"))
    references = row.get("refs") if "refs" in row else row.get("references")
    return dictionary.EntryRecord(
        term=text(row.get("term")),
        lang=text(row.get("lang")) or "en",
        type=text(row.get("type")) or "general",
        definition=_definition(row.get("definition")),
        created_at=created,
        updated_at=updated,
        references=json_of(references, dict, "refs", default={}),
        metadata=json_of(row.get("metadata"), dict, "metadata", default={}),
        quality=json_of(row.get("quality_score"), dict, "quality_score", default={}),
        overall_score=score,
        status="published" if score is None or score >= SERVED_FROM else "draft",
        version=max(1, count(row.get("version"), "version")),
        ids=(text(row.get("id")),),
    )


def import_entries(ctx: ImportContext, source: Source) -> EntryMap:
    report = ctx.report.table("dictionary_entries", kept_means="an entry for the term is here")
    entries: EntryMap = {}

    def write(_: str, records: list[Any]) -> list[tuple[str, str]]:
        return dictionary.entries_import(records=records, dry_run=ctx.dry_run)

    batcher = Batcher(ctx, report, write, source.count("dictionary_entries"))
    for row in source.rows("dictionary_entries", order_by=("created_at", "id")):
        report.read += 1
        original = text(row.get("id"))
        where = f"dictionary_entries {text(row.get('term'))} [{text(row.get('lang'))}]"
        try:
            record = entry_record(row)
        except RowError as exc:
            report.failed(where, str(exc))
            continue

        def done(outcome: tuple[str, str], original: str = original) -> None:
            if outcome[0] != "failed":
                entries[original] = outcome[1]

        batcher.add("", where, record, done)
    batcher.close()
    return entries


def import_relations(ctx: ImportContext, source: Source, entries: EntryMap) -> None:
    report = ctx.report.table("related_terms")

    def write(_: str, records: list[Any]) -> list[tuple[str, str]]:
        return dictionary.relations_import(records=records, dry_run=ctx.dry_run)

    batcher = Batcher(ctx, report, write, source.count("related_terms"))
    for row in source.rows("related_terms", order_by=("entry_id", "id")):
        report.read += 1
        pair = (text(row.get("entry_id")), text(row.get("related_entry_id")))
        where = f"related_terms {pair[0]} -> {pair[1]}"
        if not all(p in entries for p in pair):
            report.failed(where, "one of its entries was not imported")
            continue
        confidence = row.get("confidence_score")
        record = dictionary.RelationRecord(
            entry_id=entries[pair[0]],
            related_entry_id=entries[pair[1]],
            relationship_type=text(row.get("relationship_type")),
            confidence=float(confidence) if isinstance(confidence, int | float) else 1.0,
        )
        batcher.add("", where, record)
    batcher.close()


def feedback_record(row: dict[str, Any], entries: EntryMap, ctx: ImportContext) -> Any:
    entry = entries.get(text(row.get("entry_id")))
    if entry is None:
        raise RowError("its entry was not imported")
    helpful = row.get("helpful")
    data = checked(
        FeedbackInputSerializer,
        {
            "rating": row.get("rating"),
            "helpful": None if helpful is None else bool(helpful),
            "comment": text(row.get("feedback_text")),
        },
    )
    return dictionary.FeedbackRecord(
        entry_id=entry,
        user_id=ctx.users.resolve(text(row.get("user_id"))),
        rating=data["rating"],
        helpful=data.get("helpful"),
        comment=data.get("comment", ""),
        created_at=row_times(row)[0],
    )


def import_feedback(ctx: ImportContext, source: Source, entries: EntryMap) -> None:
    report = ctx.report.table("user_feedback", kept_means="the user rated the entry here since")

    def write(_: str, records: list[Any]) -> list[tuple[str, str]]:
        return dictionary.feedback_import(records=records, dry_run=ctx.dry_run)

    batcher = Batcher(ctx, report, write, source.count("user_feedback"))
    for row in source.rows("user_feedback", order_by=("created_at", "id")):
        report.read += 1
        where = ctx.where("user_feedback", text(row.get("id")), row.get("user_id"))
        try:
            record = feedback_record(row, entries, ctx)
        except RowError as exc:
            report.failed(where, str(exc))
            continue
        batcher.add("", where, record)
    batcher.close()
