"""Processing one claimed version: read the stored file, render pages and the thumbnail, then
record pages, counts, text and status in one transaction (files are written first and removed
again if the rows cannot be written). Errors mark the version and score `failed` with the
message; claims.py retries it on a later run while attempts remain."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from PIL import Image

from scores import storage
from scores.composers import canonical_composer
from scores.models import ProcessingStatus, Score, ScorePage, ScoreVersion
from scores.processing import render

logger = logging.getLogger(__name__)
DB = "scores"


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
        storage.read_bytes(version.file.name),
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
    sources = [storage.read_bytes(key) for key in keys]
    outcome = Outcome(page_count=len(sources))
    for page, image in render.render_images(sources, width=settings.SCORES_PAGE_WIDTH):
        outcome.pages.append(page)
        if page.number == 1:
            outcome.first_image = image
    return outcome


def _from_musicxml(version: ScoreVersion) -> Outcome:
    found = render.musicxml_metadata(storage.read_bytes(version.file.name))
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
            key = storage.score_key(
                version.score_id, version.id, "pages", f"{page.number:04d}.webp"
            )
            keys.append(storage.save_bytes(key, page.webp))
        thumb = ""
        if outcome.first_image is not None:
            key = storage.score_key(version.score_id, version.id, "thumbnail.webp")
            thumb = storage.save_bytes(
                key, render.thumbnail(outcome.first_image, width=settings.SCORES_THUMBNAIL_WIDTH)
            )
            keys.append(thumb)
    except Exception:
        storage.delete_keys(keys)
        raise
    return keys, thumb


def _record(version: ScoreVersion, outcome: Outcome, keys: list[str], thumb: str) -> None:
    with transaction.atomic(using=DB):
        old = ScorePage.objects.filter(score_id=version.score_id).exclude(image__in=keys)
        storage.delete_keys_on_commit(old.values_list("image", flat=True))
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


def process_version(version: ScoreVersion) -> bool:
    """Processes a claimed version; True when it completed, False when it failed."""
    try:
        reader = READERS.get(version.format)
        if reader is None:
            raise ValueError(f"{version.format} files are stored but not processed.")
        outcome = reader(version)
        keys, thumb = _write_files(version, outcome)
        try:
            _record(version, outcome, keys, thumb)
        except Exception:
            storage.delete_keys(keys)
            raise
    except Exception as error:  # one bad file must not stop the runner; it is recorded
        logger.warning("processing %s failed", version.pk, exc_info=True)
        _fail(version, error)
        return False
    return True
