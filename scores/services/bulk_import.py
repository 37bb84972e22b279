"""Scores and their counters moving in from another deployment (`manage.py import_mirubato`),
in batches: one transaction per batch, an outcome per record.

A database dump holds no files, so an imported score is catalogue metadata without a file:
no version, `source_type` "" and `processing_status` completed (nothing waits to be
processed), exactly like a row of `import_catalog`; its owner can upload the file again.
Scores are keyed by id. An ownerless (catalogue) score that is already in our catalogue, by
its IMSLP page or by title and composer, is matched to that row instead of duplicated. What
is here is never overwritten: the owner may have edited it since.

Outcomes are (status, detail): created, unchanged, matched (to a catalogue row here), updated
(counters) or kept (edited here since, so it stays), each with our id as the detail; or
failed, with the reason (nothing of that record is written).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest

from scores.composers import canonical_composer
from scores.models import (
    DB,
    DESCRIPTIVE_FIELDS,
    TEXT_SEARCH,
    ProcessingStatus,
    Score,
    ScoreAnalytics,
)
from scores.score_ids import score_id_for
from scores.services.uploads import UNKNOWN_COMPOSER
from scores.text import slugify

Outcome = tuple[str, str]
COMPARED = (*DESCRIPTIVE_FIELDS, "description", "visibility", "user_id", "source", "metadata")


@dataclass(frozen=True)
class ScoreRecord:
    id: str
    fields: dict[str, Any]  # descriptive fields and description, as the API checks them
    created_at: datetime
    user_id: str = ""  # "" for catalogue content
    visibility: str = "public"
    source: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    def values(self) -> dict[str, Any]:
        values = {name: self.fields[name] for name in COMPARED if name in self.fields}
        composer = self.fields.get("composer") or ""
        values.update(
            composer=canonical_composer(composer) or UNKNOWN_COMPOSER,
            visibility=self.visibility,
            user_id=self.user_id,
            source=self.source,
            metadata=self.metadata,
        )
        return values


def _catalogue_match(values: dict[str, Any]) -> Score | None:
    catalogue = Score.objects.filter(user_id="")
    if values.get("imslp_url"):
        found = catalogue.filter(imslp_url=values["imslp_url"]).first()
        if found is not None:
            return found
    return catalogue.filter(
        normalized_id=score_id_for(values["title"], values["composer"])[:600]
    ).first()


def _problem(score: Score) -> str:
    try:
        score.full_clean(exclude=["thumbnail"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return "; ".join(f"{name}: {' '.join(errors)}" for name, errors in exc.message_dict.items())
    return ""


def _score_one(record: ScoreRecord, *, dry_run: bool) -> Outcome:
    values = record.values()
    score = Score.objects.filter(pk=record.id).first()
    if score is not None:
        same = all(getattr(score, name) == value for name, value in values.items())
        return ("unchanged" if same else "kept"), score.pk
    if not record.user_id and (match := _catalogue_match(values)) is not None:
        return "matched", match.pk
    score = Score(
        id=record.id,
        slug=slugify(f"{values['title']} {values.get('opus', '')}"),
        processing_status=ProcessingStatus.COMPLETED,
        source_type=Score.SourceType.NONE,
        created_at=record.created_at,
        **values,
    )
    if problem := _problem(score):
        return "failed", problem
    if not dry_run:
        score.save(force_insert=True)
    return "created", score.pk


def scores_import(*, records: Sequence[ScoreRecord], dry_run: bool = False) -> list[Outcome]:
    """Scores as metadata: created when missing, matched to our catalogue, else left as
    they are here."""
    with transaction.atomic(using=DB):
        outcomes = [_score_one(record, dry_run=dry_run) for record in records]
        if not dry_run and any(status == "created" for status, _ in outcomes):
            TEXT_SEARCH.analyze()  # a bulk load: the planner's statistics are stale
    return outcomes


@dataclass(frozen=True)
class AnalyticsRecord:
    score_id: str  # ours
    view_count: int = 0
    download_count: int = 0
    render_count: int = 0
    last_viewed_at: datetime | None = None


COUNTERS = ("view_count", "download_count", "render_count")


def _analytics_one(record: AnalyticsRecord, *, dry_run: bool) -> Outcome:
    row = ScoreAnalytics.objects.filter(score_id=record.score_id).first()
    if row is None:
        if not Score.objects.filter(pk=record.score_id).exists() and not dry_run:
            return "failed", f"score {record.score_id} is not here"
        if not dry_run:
            ScoreAnalytics.objects.create(
                score_id=record.score_id,
                last_viewed_at=record.last_viewed_at,
                **{name: getattr(record, name) for name in COUNTERS},
            )
        return "created", record.score_id
    raised = {
        n: Greatest(F(n), getattr(record, n))
        for n in COUNTERS
        if getattr(row, n) < getattr(record, n)
    }
    if not raised:
        return "unchanged", record.score_id
    if not dry_run:
        ScoreAnalytics.objects.filter(pk=row.pk).update(**raised)
    return "updated", record.score_id


def analytics_import(*, records: Sequence[AnalyticsRecord], dry_run: bool = False) -> list[Outcome]:
    """Counters of imported scores: a missing row is created; one here keeps its counts and
    only rises to the imported ones (so a second import, or views since, change nothing)."""
    with transaction.atomic(using=DB):
        return [_analytics_one(record, dry_run=dry_run) for record in records]
