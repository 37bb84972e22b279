"""Catalogue import (CSV or JSON): an idempotent upsert of public catalogue scores keyed by a
stable `key` (or, without one, the IMSLP URL), plus curated collections keyed by slug.

Every row is validated before anything is written, and all writes are one transaction, so a
bad file changes nothing. A second run with the same file changes nothing either.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from rest_framework import serializers

from scores.composers import canonical_composer
from scores.models import (
    DB,
    DESCRIPTIVE_FIELDS,
    TEXT_SEARCH,
    Collection,
    CollectionMember,
    ProcessingStatus,
    Score,
    Visibility,
)
from scores.services.collections import refresh_curated
from scores.text import slugify

SCORE_FIELDS = (*DESCRIPTIVE_FIELDS, "description")


class CatalogueRow(serializers.Serializer):
    key = serializers.RegexField(r"^[a-z0-9][a-z0-9_-]{0,119}$", required=False, allow_blank=True)
    title = serializers.CharField(max_length=300)
    subtitle = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    composer = serializers.CharField(max_length=200)
    opus = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    movement = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    instrument = serializers.ChoiceField(choices=Score.Instrument.choices)
    difficulty = serializers.ChoiceField(choices=Score.Difficulty.choices)
    difficulty_level = serializers.IntegerField(
        min_value=1, max_value=10, required=False, allow_null=True
    )
    grade_level = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    duration_seconds = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    time_signature = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default=""
    )
    key_signature = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default=""
    )
    tempo_marking = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    suggested_tempo = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    style_period = serializers.ChoiceField(
        choices=Score.StylePeriod.choices, required=False, allow_blank=True, default=""
    )
    year = serializers.IntegerField(min_value=1000, max_value=2100, required=False, allow_null=True)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, default=list
    )
    imslp_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    description = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("key") and not attrs.get("imslp_url"):
            raise serializers.ValidationError("Each row needs a `key` or an `imslp_url`.")
        attrs["composer"] = canonical_composer(attrs["composer"]) or attrs["composer"]
        return attrs


class CollectionRow(serializers.Serializer):
    slug = serializers.SlugField(max_length=120)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    instrument = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    difficulty = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    display_order = serializers.IntegerField(required=False, default=0)
    is_featured = serializers.BooleanField(required=False, default=False)
    scores = serializers.ListField(child=serializers.CharField(max_length=120), default=list)


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    collections_created: int = 0
    collections_updated: int = 0
    collections_kept: int = 0
    errors: list[str] = field(default_factory=list)


def _csv_rows(text: str) -> list[dict[str, Any]]:
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        cleaned = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        cleaned["tags"] = [t.strip() for t in cleaned.get("tags", "").split(";") if t.strip()]
        rows.append({k: v for k, v in cleaned.items() if v not in ("",) or k in ("key", "tags")})
    return rows


def read_file(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(score rows, collection rows) from a .csv (scores only) or .json file."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".csv":
        try:
            return _csv_rows(text), []
        except csv.Error as error:  # e.g. a field beyond the csv module's size limit
            raise ValueError(str(error)) from error
    data = json.loads(text)
    if isinstance(data, list):
        return data, []
    if not isinstance(data, dict):
        raise ValueError("the JSON must be a list of scores or an object with `scores`.")
    scores, collections = data.get("scores", []), data.get("collections", [])
    if not isinstance(scores, list) or not isinstance(collections, list):
        raise ValueError("`scores` and `collections` must be lists.")
    return scores, collections


def validate(
    rows: list[dict[str, Any]], serializer: type[serializers.Serializer], label: str, report: Report
) -> list[dict[str, Any]]:
    valid = []
    for number, row in enumerate(rows, start=1):
        checked = serializer(data=row)
        if checked.is_valid():
            valid.append(checked.validated_data)
        else:
            report.errors.append(f"{label} {number}: {json.dumps(checked.errors)}")
    return valid


def _find(row: dict[str, Any]) -> Score | None:
    if row.get("key"):
        return Score.objects.filter(catalogue_key=row["key"]).first()
    return Score.objects.filter(imslp_url=row["imslp_url"], user_id="").first()


def upsert_score(row: dict[str, Any], report: Report) -> Score:
    score = _find(row)
    values = {name: row.get(name) for name in SCORE_FIELDS}
    values.update(
        catalogue_key=row.get("key", ""),
        user_id="",
        visibility=Visibility.PUBLIC,
        source=Score.Source.IMSLP if row.get("imslp_url") else Score.Source.MANUAL,
        slug=slugify(f"{row['title']} {row.get('opus', '')}"),
    )
    if score is None:
        score = Score(processing_status=ProcessingStatus.COMPLETED, **values)
        score.save(force_insert=True)
        report.created += 1
        return score
    changed = [name for name, value in values.items() if getattr(score, name) != value]
    if changed:
        for name in changed:
            setattr(score, name, values[name])
        score.save()
        report.updated += 1
    else:
        report.unchanged += 1
    return score


def _resolve(references: list[str], known: dict[str, str]) -> list[str]:
    ids = []
    for reference in references:
        score_id = (
            known.get(reference)
            or Score.objects.filter(catalogue_key=reference).values_list("id", flat=True).first()
        )
        score_id = (
            score_id or Score.objects.filter(pk=reference).values_list("id", flat=True).first()
        )
        if score_id is None:
            raise ValueError(f"collection member {reference!r} is not in the catalogue")
        ids.append(score_id)
    return ids


def upsert_collection(
    row: dict[str, Any], known: dict[str, str], report: Report, *, update: bool
) -> None:
    """Creates a missing collection with its members; an existing one keeps the curation staff
    did in the admin unless `update` (then the file's fields and member order win)."""
    score_ids = _resolve(row["scores"], known)
    fields = {
        k: row[k]
        for k in ("name", "description", "instrument", "difficulty", "display_order", "is_featured")
    }
    collection = Collection.objects.filter(slug=row["slug"]).first()
    if collection is not None and not update:
        report.collections_kept += 1
        return
    if collection is None:
        collection = Collection.objects.create(slug=row["slug"], **fields)
        report.collections_created += 1
    else:
        Collection.objects.filter(pk=collection.pk).update(**fields)
        report.collections_updated += 1
    collection.members.exclude(score_id__in=score_ids).delete()
    present = set(collection.members.values_list("score_id", flat=True))
    CollectionMember.objects.bulk_create(
        [
            CollectionMember(collection=collection, score_id=sid)
            for sid in score_ids
            if sid not in present
        ]
    )
    for position, score_id in enumerate(score_ids):
        collection.members.filter(score_id=score_id).update(display_order=position)
    refresh_curated(collection.pk)


def run_import(
    path: Path,
    *,
    dry_run: bool = False,
    update_collections: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    report = Report()
    score_rows, collection_rows = read_file(path)
    scores = validate(score_rows, CatalogueRow, "score row", report)
    collections = validate(collection_rows, CollectionRow, "collection", report)
    if report.errors:
        return report
    with transaction.atomic(using=DB):
        known = {}
        for number, row in enumerate(scores, start=1):
            score = upsert_score(row, report)
            known[row.get("key") or row["imslp_url"]] = score.id
            if progress:
                progress(number, len(scores))
        try:
            for row in collections:
                upsert_collection(row, known, report, update=update_collections)
        except ValueError as error:
            report.errors.append(str(error))
        if dry_run or report.errors:
            transaction.set_rollback(True, using=DB)
    if report.created and not (dry_run or report.errors):
        TEXT_SEARCH.analyze()  # a bulk load: the planner's statistics are stale
    return report
