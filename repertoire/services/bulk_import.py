"""Repertoire items and annotations moving in from another deployment (`manage.py
import_mirubato`), in batches: one transaction per batch, an outcome per record.

Records arrive checked by the REST API's input serializers, their score ids accepted by the
one rule (`score_id_accept`). Items are keyed by (user, score id), annotations by id. What is
here is replaced only by a later edit (by `updated_at`), so a second import changes nothing
and a piece edited here since the first one keeps that edit.

Outcomes are (status, detail): created, updated, unchanged or kept (what is here is the later
edit, so it stays), each with our id as the detail; or failed, with the reason (nothing of
that record is written).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models, transaction

from mirubato.api.errors import ApiError
from mirubato.ids import ID_LENGTH, new_id
from repertoire.models import RepertoireStatusChange, ScoreAnnotation, UserRepertoire
from repertoire.services.annotations import annotation_data_check

Outcome = tuple[str, str]
MAX_PAGE = 100_000


def free_id(model: type[models.Model], candidates: Sequence[str]) -> str:
    """The first candidate our id column holds and no row has, else a new id."""
    fitting = [c for c in candidates if 0 < len(c) <= ID_LENGTH and c.isprintable()]
    taken = set(model.objects.filter(pk__in=fitting).values_list("pk", flat=True))
    return next((c for c in fitting if c not in taken), new_id())


@dataclass(frozen=True)
class StatusStep:
    from_status: str  # "" for the status the item was added with
    to_status: str
    at: datetime


@dataclass(frozen=True)
class RepertoireRecord:
    score_id: str
    status: str
    created_at: datetime
    updated_at: datetime
    difficulty_rating: int | None = None
    personal_notes: str = ""
    reference_links: list[str] = field(default_factory=list)
    history: tuple[StatusStep, ...] = ()
    ids: tuple[str, ...] = ()

    def values(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "difficulty_rating": self.difficulty_rating,
            "personal_notes": self.personal_notes,
            "reference_links": list(self.reference_links),
        }


def _history(item: UserRepertoire, record: RepertoireRecord) -> list[RepertoireStatusChange]:
    steps = record.history or (StatusStep("", record.status, record.created_at),)
    return [
        RepertoireStatusChange(
            item=item, from_status=s.from_status, to_status=s.to_status, changed_at=s.at
        )
        for s in steps
    ]


def _item_create(user_id: str, record: RepertoireRecord, *, dry_run: bool) -> UserRepertoire:
    item = UserRepertoire(
        id=free_id(UserRepertoire, record.ids),
        user_id=user_id,
        score_id=record.score_id,
        created_at=record.created_at,
        updated_at=record.updated_at,
        **record.values(),
    )
    if not dry_run:
        item.save(force_insert=True)
        RepertoireStatusChange.objects.bulk_create(_history(item, record))
    return item


def _item_update(item: UserRepertoire, record: RepertoireRecord, *, dry_run: bool) -> None:
    if not dry_run and record.status != item.status:
        RepertoireStatusChange.objects.create(
            item=item,
            from_status=item.status,
            to_status=record.status,
            changed_at=record.updated_at,
        )
    for name, value in record.values().items():
        setattr(item, name, value)
    item.updated_at = record.updated_at
    if not dry_run:
        item.save()


def _repertoire_one(
    user_id: str, items: dict[str, UserRepertoire], record: RepertoireRecord, *, dry_run: bool
) -> Outcome:
    item = items.get(record.score_id)
    if item is None:
        items[record.score_id] = item = _item_create(user_id, record, dry_run=dry_run)
        return "created", item.pk
    if all(getattr(item, name) == value for name, value in record.values().items()):
        return "unchanged", item.pk
    if record.updated_at <= item.updated_at:
        return "kept", item.pk
    _item_update(item, record, dry_run=dry_run)
    return "updated", item.pk


def repertoire_import(
    *, user_id: str, records: Sequence[RepertoireRecord], dry_run: bool = False
) -> list[Outcome]:
    """One user's pieces, keyed by (user, score id): a missing one is created with its dated
    status history; one here takes the record's fields only if the record is the later edit
    (its status change then joins the history). Two records of one piece merge."""
    with transaction.atomic(using="default"):
        existing = UserRepertoire.objects.filter(
            user_id=user_id, score_id__in=[r.score_id for r in records]
        )
        items = {item.score_id: item for item in existing}
        return [_repertoire_one(user_id, items, r, dry_run=dry_run) for r in records]


# --- Annotations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AnnotationRecord:
    score_id: str
    page_number: int
    annotation_type: str
    annotation_data: Any
    created_at: datetime
    updated_at: datetime
    ids: tuple[str, ...] = ()

    def values(self) -> dict[str, Any]:
        return {
            "score_id": self.score_id,
            "page_number": self.page_number,
            "annotation_type": self.annotation_type,
            "annotation_data": self.annotation_data,
        }


def annotation_problem(record: AnnotationRecord) -> str:
    """What the annotation endpoints would refuse in this record, or ""."""
    if record.annotation_type not in ScoreAnnotation.Type.values:
        return f"annotation_type: must be one of {', '.join(ScoreAnnotation.Type.values)}"
    if not 1 <= record.page_number <= MAX_PAGE:
        return f"page_number: must be 1 to {MAX_PAGE}"
    if not isinstance(record.annotation_data, dict):
        return "annotation_data: must be a JSON object"
    try:
        annotation_data_check(record.annotation_data)
    except ApiError as exc:
        return f"annotation_data: {exc.message}"
    return ""


def _annotation_one(
    user_id: str, found: dict[str, ScoreAnnotation], record: AnnotationRecord, *, dry_run: bool
) -> Outcome:
    if problem := annotation_problem(record):
        return "failed", problem
    annotation = next((found[i] for i in record.ids if i in found), None)
    if annotation is None:
        annotation = ScoreAnnotation(
            id=free_id(ScoreAnnotation, record.ids),
            user_id=user_id,
            created_at=record.created_at,
            updated_at=record.updated_at,
            **record.values(),
        )
        if not dry_run:
            annotation.save(force_insert=True)
        found.update(dict.fromkeys(record.ids, annotation))
        return "created", annotation.pk
    if all(getattr(annotation, name) == value for name, value in record.values().items()):
        return "unchanged", annotation.pk
    if record.updated_at <= annotation.updated_at:
        return "kept", annotation.pk
    for name, value in record.values().items():
        setattr(annotation, name, value)
    annotation.updated_at = record.updated_at
    if not dry_run:
        annotation.save()
    return "updated", annotation.pk


def annotations_import(
    *, user_id: str, records: Sequence[AnnotationRecord], dry_run: bool = False
) -> list[Outcome]:
    """One user's annotations, keyed by their ids (the original's, when ours holds them)."""
    with transaction.atomic(using="default"):
        ids = [i for r in records for i in r.ids]
        found = {a.pk: a for a in ScoreAnnotation.objects.filter(user_id=user_id, pk__in=ids)}
        return [_annotation_one(user_id, found, r, dry_run=dry_run) for r in records]
