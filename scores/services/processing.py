"""Processing uploaded versions: claiming one, then reading its stored file, rendering pages
and the thumbnail, and recording pages, counts, text and status.

Claims: two runners (two hosts, two cron overlaps) never take the same version. PostgreSQL
skips rows another runner has locked, and on every database the claim is a conditional UPDATE
that only one runner can win.

A claimed version is recorded in one transaction (files are written first and removed again if
the rows cannot be written). Errors mark the version and score `failed` with the message; a
later run retries it while attempts remain (`scores.selectors.processing.claimable`). An
unreachable storage is no error of the file: the claim is given back and the run stops.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from PIL import Image

from mirubato.storage import StorageUnavailable
from scores import render
from scores.composers import canonical_composer
from scores.models import DB, ProcessingStatus, Score, ScorePage, ScoreVersion
from scores.selectors.processing import claimable
from scores.services.uploads import (
    delete_keys,
    delete_keys_on_commit,
    read_bytes,
    save_bytes,
    score_key,
)

logger = logging.getLogger(__name__)
BATCH = 10


def _candidates(skip: Collection[str]) -> list[tuple[str, str, int]]:
    queryset = claimable().exclude(pk__in=list(skip)).order_by("created_at", "id")
    if connections[DB].features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True)
    return list(queryset.values_list("id", "processing_status", "attempts")[:BATCH])


def claim_next(*, skip: Collection[str] = ()) -> ScoreVersion | None:
    """Marks one claimable version `processing` for this runner and returns it (None when
    nothing is left). `skip` holds ids this run already tried, so a failure waits for the next
    run instead of being retried in a tight loop."""
    with transaction.atomic(using=DB):
        for version_id, status, attempts in _candidates(skip):
            won = ScoreVersion.objects.filter(
                pk=version_id, processing_status=status, attempts=attempts
            ).update(
                processing_status=ProcessingStatus.PROCESSING,
                attempts=F("attempts") + 1,
                claimed_at=timezone.now(),
            )
            if won == 1:
                return ScoreVersion.objects.select_related("score").get(pk=version_id)
    return None


@dataclass
class Outcome:
    page_count: int | None = None
    pages: list[render.RenderedPage] = field(default_factory=list)
    first_image: Image.Image | None = None
    text: str = ""
    text_status: str = ScoreVersion.TextStatus.NO_TEXT
    pdf_metadata: dict[str, str] = field(default_factory=dict)
    score_fields: dict[str, str] = field(default_factory=dict)


def _from_pdf(version: ScoreVersion) -> Outcome:
    result = render.render_pdf(
        read_bytes(version.file.name),
        width=settings.SCORES_PAGE_WIDTH,
        max_pages=settings.SCORES_MAX_RENDER_PAGES,
    )
    text = "\n\n".join(page.text for page in result.pages if page.text)[: render.MAX_TEXT_CHARS]
    return Outcome(
        page_count=result.page_count,
        pages=result.pages,
        first_image=result.first_page,
        text=text,
        pdf_metadata=result.metadata,
        text_status=ScoreVersion.TextStatus.COMPLETED if text else ScoreVersion.TextStatus.NO_TEXT,
    )


def _from_images(version: ScoreVersion) -> Outcome:
    keys = version.source_keys or [version.file.name]
    sources = [read_bytes(key) for key in keys]
    outcome = Outcome(page_count=len(sources))
    for page, image in render.render_images(sources, width=settings.SCORES_PAGE_WIDTH):
        outcome.pages.append(page)
        if page.number == 1:
            outcome.first_image = image
    return outcome


def _from_musicxml(version: ScoreVersion) -> Outcome:
    found = render.musicxml_metadata(read_bytes(version.file.name))
    auto = set(version.score.metadata.get("auto_fields", []))
    fields = {name: found[name] for name in ("title", "composer") if name in auto and found[name]}
    if "composer" in fields:
        fields["composer"] = canonical_composer(fields["composer"]) or fields["composer"]
    for name in ("key_signature", "time_signature"):
        if found[name] and not getattr(version.score, name):
            fields[name] = found[name]
    return Outcome(score_fields=fields)


READERS = {
    ScoreVersion.Format.PDF: _from_pdf,
    ScoreVersion.Format.IMAGE: _from_images,
    ScoreVersion.Format.MUSICXML: _from_musicxml,
}


def _write_files(version: ScoreVersion, outcome: Outcome) -> tuple[list[str], str]:
    keys: list[str] = []
    try:
        for page in outcome.pages:
            key = score_key(version.score_id, version.id, "pages", f"{page.number:04d}.webp")
            keys.append(save_bytes(key, page.webp))
        thumb = ""
        if outcome.first_image is not None:
            key = score_key(version.score_id, version.id, "thumbnail.webp")
            thumb = save_bytes(
                key, render.thumbnail(outcome.first_image, width=settings.SCORES_THUMBNAIL_WIDTH)
            )
            keys.append(thumb)
    except Exception:
        delete_keys(keys)
        raise
    return keys, thumb


def _record(version: ScoreVersion, outcome: Outcome, keys: list[str], thumb: str) -> None:
    with transaction.atomic(using=DB):
        old = ScorePage.objects.filter(score_id=version.score_id).exclude(image__in=keys)
        delete_keys_on_commit(old.values_list("image", flat=True))
        ScorePage.objects.filter(score_id=version.score_id).delete()
        ScorePage.objects.bulk_create(
            [
                ScorePage(
                    score_id=version.score_id,
                    version=version,
                    page_number=page.number,
                    image=key,
                    width=page.width,
                    height=page.height,
                    file_size_bytes=len(page.webp),
                    ocr_text=page.text,
                )
                for page, key in zip(outcome.pages, keys, strict=False)
            ]
        )
        first = outcome.pages[0] if outcome.pages else None
        ScoreVersion.objects.filter(pk=version.pk).update(
            processing_status=ProcessingStatus.COMPLETED,
            processing_error="",
            page_count=outcome.page_count,
            extracted_text=outcome.text,
            text_extraction_status=outcome.text_status,
            pdf_metadata=outcome.pdf_metadata,
            resolution=f"{first.width}x{first.height}" if first else "",
        )
        score = Score.objects.select_for_update().get(pk=version.score_id)
        for name, value in outcome.score_fields.items():
            setattr(score, name, value)
        score.page_count = outcome.page_count
        score.thumbnail = thumb or score.thumbnail
        score.processing_status, score.processing_error = ProcessingStatus.COMPLETED, ""
        score.save()


def _fail(version: ScoreVersion, error: Exception) -> None:
    message = f"{error.__class__.__name__}: {error}"[:2000]
    with transaction.atomic(using=DB):
        ScoreVersion.objects.filter(pk=version.pk).update(
            processing_status=ProcessingStatus.FAILED, processing_error=message
        )
        Score.objects.filter(pk=version.score_id).update(
            processing_status=ProcessingStatus.FAILED, processing_error=message
        )


def release(version: ScoreVersion) -> None:
    """Gives a claim back: pending again, the attempt not counted. The storage was
    unreachable, which says nothing about the file."""
    with transaction.atomic(using=DB):
        ScoreVersion.objects.filter(
            pk=version.pk, processing_status=ProcessingStatus.PROCESSING
        ).update(
            processing_status=ProcessingStatus.PENDING,
            attempts=Greatest(F("attempts") - 1, 0),
            claimed_at=None,
        )


def process_version(version: ScoreVersion) -> bool:
    """Processes a claimed version; True when it completed, False when it failed. When the
    storage is unreachable the claim is released and StorageUnavailable propagates: a runner
    stops there instead of failing every version it would claim next."""
    try:
        reader = READERS.get(version.format)
        if reader is None:
            raise ValueError(f"{version.format} files are stored but not processed.")
        outcome = reader(version)
        keys, thumb = _write_files(version, outcome)
        try:
            _record(version, outcome, keys, thumb)
        except Exception:
            delete_keys(keys)
            raise
    except StorageUnavailable:
        release(version)
        raise
    except Exception as error:  # one bad file must not stop the runner; it is recorded
        logger.warning("processing %s failed", version.pk, exc_info=True)
        _fail(version, error)
        return False
    return True
