"""Writes to scores: uploads, owner edits and deletion, counters. One transaction each on the
`scores` alias; stored files are written before the rows and removed again if the rows fail,
and removed only after a deletion commits."""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from mirubato.api.errors import ApiError
from mirubato.ids import new_id
from scores import membership, storage
from scores.composers import canonical_composer
from scores.models import ProcessingStatus, Score, ScoreAnalytics, ScoreVersion, Visibility
from scores.text import slugify
from scores.uploads import IMAGE, MUSICXML, PDF, CheckedFile
from scores.visibility import can_edit

DB = "scores"
SOURCE_TYPES = {
    PDF: Score.SourceType.PDF,
    MUSICXML: Score.SourceType.MUSICXML,
    IMAGE: Score.SourceType.IMAGES,
}
VERSION_FORMATS = {
    PDF: ScoreVersion.Format.PDF,
    MUSICXML: ScoreVersion.Format.MUSICXML,
    IMAGE: ScoreVersion.Format.IMAGE,
}
UNTITLED = "Untitled score"
UNKNOWN_COMPOSER = "Unknown"


def _title_from(files: list[CheckedFile]) -> str:
    stem = PurePath(files[0].original_name).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:300] or UNTITLED


def _apply_defaults(fields: dict[str, Any], files: list[CheckedFile]) -> dict[str, Any]:
    """Fill what the uploader left out; remember which fields processing may overwrite."""
    auto = [name for name in ("title", "composer") if not fields.get(name)]
    fields = {**fields}
    fields["title"] = fields.get("title") or _title_from(files)
    fields["composer"] = canonical_composer(fields.get("composer") or "") or UNKNOWN_COMPOSER
    fields.setdefault("instrument", Score.Instrument.PIANO)
    fields.setdefault("difficulty", Score.Difficulty.INTERMEDIATE)
    fields.setdefault("visibility", Visibility.PRIVATE)
    fields["metadata"] = (
        {**fields.get("metadata", {}), "auto_fields": auto} if auto else fields.get("metadata", {})
    )
    return fields


def _store(score_id: str, version_id: str, files: list[CheckedFile]) -> list[str]:
    keys = []
    try:
        for number, item in enumerate(files, start=1):
            name = "original" if len(files) == 1 else f"source-{number:03d}"
            key = storage.score_key(score_id, version_id, f"{name}.{item.extension}")
            keys.append(storage.save_bytes(key, item.content))
    except Exception:
        storage.delete_keys(keys)
        raise
    return keys


def score_upload(*, user_id: str, fields: dict[str, Any], files: list[CheckedFile]) -> Score:
    """Creates a user's score from a checked PDF, MusicXML file or images: private unless the
    owner says otherwise, `pending` until process_scores has read and rendered it."""
    fields = _apply_defaults(fields, files)
    score = Score(
        id=Score._meta.pk.default(), user_id=user_id, source=Score.Source.UPLOAD, **fields
    )
    score.slug = slugify(score.title)
    score.source_type = SOURCE_TYPES[files[0].kind]
    score.processing_status = ProcessingStatus.PENDING
    version_id = new_id()
    keys = _store(score.id, version_id, files)
    try:
        with transaction.atomic(using=DB):
            score.save(force_insert=True)
            ScoreAnalytics.objects.create(score=score)
            ScoreVersion.objects.create(
                id=version_id,
                score=score,
                format=VERSION_FORMATS[files[0].kind],
                file=keys[0],
                source_keys=keys if len(keys) > 1 else [],
                content_type=files[0].content_type,
                file_size_bytes=sum(len(item.content) for item in files),
                sha256=hashlib.sha256(b"".join(item.content for item in files)).hexdigest(),
            )
    except Exception:
        storage.delete_keys(keys)
        raise
    return score


def _owned(score_id: str, user: Any) -> Score:
    from scores.selectors import score_get_visible

    score = score_get_visible(score_id=score_id, user=user)
    if not can_edit(score, user):
        raise ApiError(403, "not_owner", "Only the owner can change this score.")
    return score


def score_update(*, score_id: str, user: Any, fields: dict[str, Any]) -> Score:
    """The owner edits metadata; a composer is canonicalised like on create and import."""
    with transaction.atomic(using=DB):
        score = _owned(score_id, user)
        score = Score.objects.select_for_update().get(pk=score.pk)
        if "composer" in fields:
            fields["composer"] = canonical_composer(fields["composer"]) or UNKNOWN_COMPOSER
        for name, value in fields.items():
            setattr(score, name, value)
        if "title" in fields:
            score.slug = slugify(score.title)
        score.save()
    return score


def score_delete(*, score_id: str, user: Any) -> None:
    """The owner deletes a score: rows at once, its stored files after the commit."""
    with transaction.atomic(using=DB):
        score = _owned(score_id, user)
        affected = membership.affected_by_scores([score.id])
        keys = storage.file_keys([score.id])
        score.delete()
        membership.refresh(affected)
        storage.delete_keys_on_commit(keys)


def analytics_increment(*, score_id: str, field: str) -> None:
    """Adds one to a counter with F(), so concurrent requests never lose a count."""
    changes = {field: F(field) + 1, "last_viewed_at": timezone.now()}
    with transaction.atomic(using=DB):
        if ScoreAnalytics.objects.filter(score_id=score_id).update(**changes):
            return
        try:
            with transaction.atomic(using=DB):
                ScoreAnalytics.objects.create(
                    score_id=score_id, **{field: 1}, last_viewed_at=timezone.now()
                )
        except IntegrityError:  # another request created the row first
            ScoreAnalytics.objects.filter(score_id=score_id).update(**changes)
