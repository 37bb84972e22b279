"""Dictionary entries, their relations and readers' feedback moving in from another deployment
(`manage.py import_mirubato`), in batches: one transaction per batch, an outcome per record.

Entries are keyed by (normalized term, language), the dictionary's own key, and checked by the
rules an entry's content meets everywhere (a concise and a detailed definition within the
limits the admin and the pipeline enforce). An entry already here is never replaced: staff may
have written or reviewed it. Relations are keyed by (entry, related entry, type), feedback by
(entry, user), one per user as always.

Outcomes are (status, detail): created, unchanged or kept (what is here differs and stays),
each with our id as the detail; or failed, with the reason (nothing of that record is
written).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction

from dictionary.models import (
    DB,
    KEY_SEARCH,
    DictionaryEntry,
    EntrySource,
    EntryStatus,
    Lang,
    RelatedTerm,
    Relationship,
    TermType,
    UserFeedback,
)
from dictionary.normalize import normalize_term
from dictionary.pipeline.quality import _Definition
from dictionary.services.cache import cache_invalidate
from dictionary.services.feedback import entry_aggregates_refresh
from mirubato.ids import ID_LENGTH, new_id

Outcome = tuple[str, str]
MAX_TERM = 200
CONTENT = ("term", "type", "definition", "references", "metadata")


@dataclass(frozen=True)
class EntryRecord:
    term: str
    lang: str
    type: str
    definition: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    references: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    quality: dict[str, Any] = field(default_factory=dict)
    overall_score: int | None = None
    status: str = EntryStatus.PUBLISHED
    version: int = 1
    ids: tuple[str, ...] = ()


def entry_problem(record: EntryRecord) -> str:
    """What the dictionary refuses in an entry, or ""."""
    if not normalize_term(record.term) or len(record.term.strip()) > MAX_TERM:
        return f"term: 1 to {MAX_TERM} characters"
    if record.lang not in Lang.values:
        return f"lang: must be one of {', '.join(Lang.values)}"
    if record.type not in TermType.values:
        return f"type: must be one of {', '.join(TermType.values)}"
    if record.overall_score is not None and not 0 <= record.overall_score <= 100:
        return "overall_score: must be 0 to 100"
    if not isinstance(record.definition, dict):
        return "definition: must be a JSON object"
    definition = _Definition(data=record.definition)
    if not definition.is_valid():
        return f"definition: {json.dumps(definition.errors)[:200]}"
    return ""


def _entry_id(candidates: Sequence[str]) -> str:
    fitting = [c for c in candidates if 0 < len(c) <= ID_LENGTH and c.isprintable()]
    taken = set(DictionaryEntry.objects.filter(pk__in=fitting).values_list("pk", flat=True))
    return next((c for c in fitting if c not in taken), new_id())


def _entry_one(record: EntryRecord, *, dry_run: bool) -> Outcome:
    if problem := entry_problem(record):
        return "failed", problem
    entry = DictionaryEntry.objects.filter(
        normalized_term=normalize_term(record.term), lang=record.lang
    ).first()
    if entry is not None:
        values = {"term": record.term.strip(), **{n: getattr(record, n) for n in CONTENT[1:]}}
        same = all(getattr(entry, name) == value for name, value in values.items())
        return ("unchanged" if same else "kept"), entry.pk
    entry = DictionaryEntry(
        id=_entry_id(record.ids),
        term=record.term.strip(),
        lang=record.lang,
        type=record.type,
        definition=record.definition,
        references=record.references,
        metadata=record.metadata,
        quality=record.quality,
        overall_score=record.overall_score,
        status=record.status,
        source=EntrySource.AI,
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )
    if not dry_run:
        entry.save(using=DB, force_insert=True)
    return "created", entry.pk


def entries_import(*, records: Sequence[EntryRecord], dry_run: bool = False) -> list[Outcome]:
    """Entries by (term, language): created when missing (source `ai`: the original generated
    them), else left as they are here."""
    with transaction.atomic(using=DB):
        outcomes = [_entry_one(record, dry_run=dry_run) for record in records]
        if not dry_run and any(status == "created" for status, _ in outcomes):
            cache_invalidate()
            KEY_SEARCH.analyze()  # a bulk load: the planner's statistics are stale
    return outcomes


@dataclass(frozen=True)
class RelationRecord:
    entry_id: str  # ours
    related_entry_id: str  # ours
    relationship_type: str
    confidence: float = 1.0


def _relation_one(record: RelationRecord, known: set[str], *, dry_run: bool) -> Outcome:
    if record.relationship_type not in Relationship.values:
        return "failed", f"relationship_type: must be one of {', '.join(Relationship.values)}"
    if record.entry_id == record.related_entry_id:
        return "failed", "an entry cannot relate to itself"
    if not dry_run and not {record.entry_id, record.related_entry_id} <= known:
        return "failed", "one of the two entries is not here"
    key = {
        "entry_id": record.entry_id,
        "related_entry_id": record.related_entry_id,
        "relationship_type": record.relationship_type,
    }
    existing = RelatedTerm.objects.filter(**key).first()
    if existing is not None:
        return "unchanged", existing.pk
    relation = RelatedTerm(confidence=record.confidence, **key)
    if not dry_run:
        relation.save(using=DB, force_insert=True)
    return "created", relation.pk


def relations_import(*, records: Sequence[RelationRecord], dry_run: bool = False) -> list[Outcome]:
    with transaction.atomic(using=DB):
        ids = {i for r in records for i in (r.entry_id, r.related_entry_id)}
        known = set(DictionaryEntry.objects.filter(pk__in=ids).values_list("pk", flat=True))
        return [_relation_one(record, known, dry_run=dry_run) for record in records]


@dataclass(frozen=True)
class FeedbackRecord:
    entry_id: str  # ours
    user_id: str  # ours
    rating: int
    created_at: datetime
    helpful: bool | None = None
    comment: str = ""


def _feedback_one(record: FeedbackRecord, *, dry_run: bool) -> Outcome:
    existing = UserFeedback.objects.filter(entry_id=record.entry_id, user_id=record.user_id)
    if (found := existing.first()) is not None:
        same = (found.rating, found.helpful, found.comment) == (
            record.rating,
            record.helpful,
            record.comment,
        )
        return ("unchanged" if same else "kept"), found.pk
    if not dry_run and not DictionaryEntry.objects.filter(pk=record.entry_id).exists():
        return "failed", f"entry {record.entry_id} is not here"
    feedback = UserFeedback(
        entry_id=record.entry_id,
        user_id=record.user_id,
        rating=record.rating,
        helpful=record.helpful,
        comment=record.comment,
        created_at=record.created_at,
        updated_at=record.created_at,
    )
    if not dry_run:
        feedback.save(using=DB, force_insert=True)
    return "created", feedback.pk


def feedback_import(*, records: Sequence[FeedbackRecord], dry_run: bool = False) -> list[Outcome]:
    """One feedback per user and entry; the entries' shown aggregates are recounted."""
    with transaction.atomic(using=DB):
        outcomes = [_feedback_one(record, dry_run=dry_run) for record in records]
        created = [
            r.entry_id for r, (s, _) in zip(records, outcomes, strict=True) if s == "created"
        ]
        if created and not dry_run:
            entry_aggregates_refresh(entry_ids=created)
    return outcomes
