"""The scores database's `scores` → our scores, as catalogue metadata checked by the score
endpoints' metadata serializer; `score_analytics` → their counters.

The files (PDFs, page images, thumbnails) lived in an R2 bucket, not in the database, so a
dump cannot bring them: `score_versions` and `score_pages` are file records and are counted,
not imported, and every score arrives without a file (`processing_status` completed, nothing
to process), to be uploaded again by its owner. Enumerations written in capitals before the
original's own migration 0016 are read lowercased, as that migration did.
"""

from __future__ import annotations

from typing import Any

from legacy.importer.batches import Batcher
from legacy.importer.checks import checked, row_times
from legacy.importer.context import ImportContext, ScoreFacts
from legacy.importer.readers import Source
from legacy.importer.values import RowError, count, derived_score_id, json_of, moment, text
from scores import selectors as scores_reads
from scores import services as scores
from scores.api.inputs import ScoreMetadataInputSerializer

# Owners that were the platform itself, not a person: their scores are our catalogue.
PLATFORM_USERS = {"", "system", "platform"}
ENUMS = ("instrument", "difficulty", "style_period", "visibility")
METADATA = (
    "title",
    "subtitle",
    "composer",
    "opus",
    "movement",
    "instrument",
    "difficulty",
    "difficulty_level",
    "grade_level",
    "duration_seconds",
    "time_signature",
    "key_signature",
    "tempo_marking",
    "suggested_tempo",
    "style_period",
    "year",
    "description",
)
REQUIRED = ("title", "composer", "instrument", "difficulty")
FILE_TABLES = ("score_versions", "score_pages")
COUNTERS = ("view_count", "download_count", "render_count")
NO_FILES = "file records: the files lived in R2 and are not in a database dump"


def our_score_id(original: str) -> str:
    """The original id when it is in our catalogue form and fits, else a stable derived one
    (a nanoid or UUID would read as a free `title-composer` id everywhere else)."""
    original = original.strip()
    if len(original) <= 40 and scores_reads.is_catalogue_id(original):
        return original
    return derived_score_id(original)


def owner_of(row: dict[str, Any], ctx: ImportContext) -> str:
    owner = text(row.get("user_id"))
    return "" if owner in PLATFORM_USERS else ctx.users.resolve(owner)


def _fields(row: dict[str, Any], owner: str) -> dict[str, Any]:
    fields = {name: row[name] for name in METADATA if row.get(name) is not None}
    for name in ENUMS:
        if isinstance(row.get(name), str):
            fields[name] = row[name].strip().lower()
    missing = [name for name in REQUIRED if not text(fields.get(name)).strip()]
    if missing:
        raise RowError(f"{', '.join(missing)}: required")
    fields["tags"] = json_of(row.get("tags"), list, "tags", default=[])
    fields.setdefault("visibility", "private" if owner else "public")
    return fields


def score_record(row: dict[str, Any], ctx: ImportContext) -> Any:
    owner = owner_of(row, ctx)
    data = checked(ScoreMetadataInputSerializer, _fields(row, owner))
    visibility = data.pop("visibility")
    data["imslp_url"] = text(row.get("imslp_url")).strip()
    return scores.ScoreRecord(
        id=our_score_id(text(row.get("id"))),
        fields=data,
        created_at=row_times(row)[0],
        user_id=owner,
        visibility=visibility,
        source=text(row.get("source")).strip().lower(),
        metadata=json_of(row.get("metadata"), dict, "metadata", default={}),
    )


def import_scores(ctx: ImportContext, source: Source) -> None:
    report = ctx.report.table("scores", kept_means="the score here was edited since")

    def write(_: str, records: list[Any]) -> list[tuple[str, str]]:
        return scores.scores_import(records=records, dry_run=ctx.dry_run)

    batcher = Batcher(ctx, report, write, source.count("scores"))
    for row in source.rows("scores", order_by=("created_at", "id")):
        report.read += 1
        original = text(row.get("id"))
        where = f"scores {original} ({text(row.get('title'))})"
        try:
            record = score_record(row, ctx)
        except RowError as exc:
            report.failed(where, str(exc))
            continue

        def done(outcome: tuple[str, str], original: str = original, record: Any = record) -> None:
            status, our_id = outcome
            if status == "created":
                facts = ScoreFacts(user_id=record.user_id, visibility=record.visibility)
                ctx.scores.add(original, our_id, facts)
            elif status != "failed":
                ctx.scores.add(original, our_id)

        batcher.add("", where, record, done)
    batcher.close()
    for table in FILE_TABLES:
        if source.has(table):
            ctx.report.table(table).skip_all(source.count(table), NO_FILES)


def import_score_analytics(ctx: ImportContext, source: Source) -> None:
    report = ctx.report.table("score_analytics")

    def write(_: str, records: list[Any]) -> list[tuple[str, str]]:
        return scores.analytics_import(records=records, dry_run=ctx.dry_run)

    batcher = Batcher(ctx, report, write, source.count("score_analytics"))
    for row in source.rows("score_analytics", order_by=("score_id",)):
        report.read += 1
        where = f"score_analytics {text(row.get('score_id'))}"
        our_id = ctx.scores.our_id(text(row.get("score_id")))
        try:
            if our_id is None:
                raise RowError("its score was not imported")
            counts = {n: max(0, count(row.get(n), n)) for n in COUNTERS}
        except RowError as exc:
            report.failed(where, str(exc))
            continue
        record = scores.AnalyticsRecord(
            score_id=our_id, last_viewed_at=moment(row.get("last_viewed_at")), **counts
        )
        batcher.add("", where, record)
    batcher.close()
