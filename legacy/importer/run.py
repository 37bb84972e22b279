"""One import run: open the sources given, check each is the database its option names,
import the tables in an order that lets each find what it refers to (users, then scores, then
what users keep about scores, then the dictionary), and say what does not come along."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

from legacy.importer import (
    dictionary,
    goals,
    repertoire,
    score_collections,
    scores,
    sync_data,
    users,
)
from legacy.importer.context import ImportContext, Progress
from legacy.importer.readers import Source, SourceError, open_source
from legacy.importer.report import ImportReport

EXPECTED = {"api": "users", "scores": "scores", "dictionary": "dictionary_entries"}
IMPORTED = {
    "users",
    "sync_data",
    "logbook_entries",
    "user_repertoire",
    "goals",
    "goal_progress",
    "score_annotations",
    "scores",
    "score_versions",
    "score_pages",
    "score_analytics",
    "collections",
    "user_collections",
    "collection_members",
    "user_score_favorites",
    "dictionary_entries",
    "related_terms",
    "user_feedback",
}
INTERNAL = {"d1_migrations", "_cf_KV", "_cf_METADATA", "sqlite_sequence", "sqlite_stat1"}
PIPELINE = "the original's AI pipeline and operations state; ours starts afresh"
WHY_NOT = {
    "sync_metadata": "per-device sync state; devices sync afresh here",
    "sync_sequence": "the original's feed counter; every user has their own feed here",
    "idempotency_keys": "retry keys live 24 hours",
    "sync_events": "never written by the original",
    "user_preferences": "unused by the original (preferences are in sync_data)",
    "collection_visibility_log": "never written by the original",
    "search_analytics": "statistics of the original's traffic",
    **dict.fromkeys(
        (
            "seed_queue",
            "ai_token_usage",
            "manual_review_queue",
            "dead_letter_queue",
            "recovery_history",
            "ai_model_usage",
            "quality_checkpoints",
            "enhancement_queue",
            "cache_metrics",
            "daily_statistics",
            "export_history",
            "health_checks",
        ),
        PIPELINE,
    ),
    **dict.fromkeys(("embeddings", "term_embeddings"), "vectors of the original's AI model"),
}


def _open(label: str, path: Path | None, stack: ExitStack) -> Source | None:
    if path is None:
        return None
    source = open_source(label, path)
    stack.callback(source.close)
    if not source.has(EXPECTED[label]):
        raise SourceError(
            f"--{label} {path}: this is not the original's {label} database "
            f"(it has no `{EXPECTED[label]}` table)."
        )
    return source


def _notes(ctx: ImportContext, source: Source) -> None:
    report = ctx.report
    if source.dump_failed:
        report.note(
            f"{source.label} dump: {source.dump_failed} statement(s) could not be loaded, "
            f"first: {'; '.join(source.dump_errors)}"
        )
    for table in sorted(source.tables() - IMPORTED - INTERNAL):
        if count := source.count(table):
            why = WHY_NOT.get(table, "not part of what moves to this server")
            report.note(f"not imported: {source.label}.{table} ({count} rows): {why}")


def _scorebook(ctx: ImportContext, source: Source) -> None:
    for table in ("scores", "collections", "user_collections", "collection_members"):
        ctx.report.table(table)  # the summary lists them in this order
    scores.import_scores(ctx, source)
    scores.import_score_analytics(ctx, source)
    score_collections.import_curated(ctx, source)
    score_collections.import_user_collections(ctx, source)
    score_collections.import_favorites(ctx, source)
    if made := ctx.report.table("scores").counts["created"]:
        ctx.report.note(
            f"{made} score(s) arrived as metadata without their files (the PDFs and images "
            "were in R2, not in the database): their owners can upload the files again."
        )


def _practice(ctx: ImportContext, source: Source) -> None:
    repertoire.import_repertoire(ctx, source)
    goal_map = goals.import_goals(ctx, source)
    goals.import_goal_progress(ctx, source, goal_map)
    repertoire.import_annotations(ctx, source)
    seen = sync_data.import_sync_data(ctx, source)
    sync_data.import_logbook_table(ctx, source, seen)


def _dictionary(ctx: ImportContext, source: Source) -> None:
    entries = dictionary.import_entries(ctx, source)
    dictionary.import_relations(ctx, source, entries)
    dictionary.import_feedback(ctx, source, entries)


def run_import(
    *,
    api: Path | None = None,
    scores_db: Path | None = None,
    dictionary_db: Path | None = None,
    dry_run: bool = False,
    batch_size: int = 200,
    progress: Progress | None = None,
) -> ImportReport:
    """Imports whichever of the three databases are given; raises SourceError (nothing is
    read or written) when one cannot be opened or is not the database its option names."""
    ctx = ImportContext(dry_run=dry_run, batch_size=batch_size, report=ImportReport(dry_run))
    if progress is not None:
        ctx.progress = progress
    with ExitStack() as stack:
        opened = {
            "api": _open("api", api, stack),
            "scores": _open("scores", scores_db, stack),
            "dictionary": _open("dictionary", dictionary_db, stack),
        }
        if opened["api"]:
            users.import_users(ctx, opened["api"])
        if opened["scores"]:
            _scorebook(ctx, opened["scores"])
        if opened["api"]:
            _practice(ctx, opened["api"])
        if opened["dictionary"]:
            _dictionary(ctx, opened["dictionary"])
        for source in opened.values():
            if source is not None:
                _notes(ctx, source)
    return ctx.report
