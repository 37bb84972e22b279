"""New uploads: what a file is, decided by its bytes (never its name or declared type), its
limits, where it is stored, and the score created from it.

A PDF must start with `%PDF-`; images must be PNG, JPEG or WebP that Pillow can read; MusicXML
is an XML document whose root is `score-partwise` or `score-timewise`, or a compressed `.mxl`
(a zip holding one). Anything else is a 415; anything too big a 413.

Files live in Django's storage (filesystem by default, an S3 bucket with STORAGE_URL): every
key is under `scores/<score id>/`, so one score's files never mix with another's, and deleting a
score can find all of its files from its rows. They are written before the rows and removed
again if the rows fail, and removed only after a deletion commits; so a row never points at a
missing object, and an object the compensation could not remove (the storage went down half
way, a process died) has no row and is removed by `purge_orphan_files`.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from mirubato.api.errors import ApiError, PayloadTooLarge
from mirubato.ids import new_id
from mirubato.storage import StorageUnavailable, StoredFile, open_stream, storage_errors
from mirubato.storage import delete as storage_delete
from scores.composers import canonical_composer
from scores.models import (
    DB,
    ProcessingStatus,
    Score,
    ScoreAnalytics,
    ScorePage,
    ScoreVersion,
    Visibility,
)
from scores.render import musicxml_root
from scores.text import slugify

logger = logging.getLogger(__name__)

PDF = "pdf"
MUSICXML = "musicxml"
IMAGE = "image"
IMAGE_TYPES = {
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "WEBP": ("image/webp", "webp"),
}
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


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content: bytes
    content_type: str
    extension: str
    original_name: str


def unsupported(message: str) -> ApiError:
    return ApiError(415, "unsupported_file", message)


def _read(upload: IO[bytes], limit: int, what: str) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise PayloadTooLarge(f"The {what} is larger than allowed.", limit=limit)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"The {what} is larger than allowed.", limit=limit)
    return data


def check_score_file(upload: IO[bytes]) -> CheckedFile:
    """A PDF or MusicXML upload, validated by content and size."""
    data = _read(upload, settings.SCORES_MAX_FILE_BYTES, "file")
    name = getattr(upload, "name", "") or ""
    if b"%PDF-" in data[:1024]:
        return CheckedFile(PDF, data, "application/pdf", "pdf", name)
    if musicxml_root(data) is not None:
        compressed = data.startswith(b"PK\x03\x04")
        content_type = "application/vnd.recordare.musicxml" + ("" if compressed else "+xml")
        return CheckedFile(MUSICXML, data, content_type, "mxl" if compressed else "musicxml", name)
    raise unsupported("The file is neither a PDF nor a MusicXML document.")


def check_image(upload: IO[bytes]) -> CheckedFile:
    data = _read(upload, settings.SCORES_MAX_IMAGE_BYTES, "image")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        image_format = None
    if image_format not in IMAGE_TYPES:
        raise unsupported("Each image must be a PNG, JPEG or WebP picture.")
    content_type, extension = IMAGE_TYPES[image_format]
    return CheckedFile(IMAGE, data, content_type, extension, getattr(upload, "name", "") or "")


def check_images(uploads: list[IO[bytes]]) -> list[CheckedFile]:
    """1 to SCORES_MAX_IMAGES images, each and all together within their byte limits."""
    if len(uploads) > settings.SCORES_MAX_IMAGES:
        raise ApiError(
            400,
            "too_many_images",
            f"At most {settings.SCORES_MAX_IMAGES} images per score.",
            {
                "images": [f"Send 1 to {settings.SCORES_MAX_IMAGES} images."],
                "limit": settings.SCORES_MAX_IMAGES,
            },
        )
    checked = [check_image(upload) for upload in uploads]
    total = sum(len(item.content) for item in checked)
    if total > settings.SCORES_MAX_IMAGES_TOTAL_BYTES:
        raise PayloadTooLarge(
            "The images together are larger than allowed.",
            limit=settings.SCORES_MAX_IMAGES_TOTAL_BYTES,
        )
    return checked


# Storage: every call goes through mirubato.storage, so a backend failure is a 503
# (StorageUnavailable) and a missing object a FileNotFoundError, on the filesystem and on S3.


def score_key(score_id: str, *parts: str) -> str:
    return "/".join(("scores", score_id, *parts))


def save_bytes(key: str, data: bytes) -> str:
    """Stores `data` under `key` (replacing any previous object) and returns the stored name."""
    with storage_errors(key):
        return default_storage.save(key, ContentFile(data))


def read_bytes(key: str) -> bytes:
    with open_stream(key) as handle:
        return handle.read()


def stored_file_open(key: str) -> StoredFile:
    """A stored file to stream to a client: 404 when it is not (yet) stored, 503 when the
    storage cannot be reached."""
    try:
        if key:
            return open_stream(key)
    except FileNotFoundError:
        pass
    raise ApiError(404, "file_not_found", "This file is not stored (yet).")


def file_keys(score_ids: Iterable[str]) -> list[str]:
    """Every stored key that rows of these scores point at."""
    ids = list(score_ids)
    keys: list[str] = []
    for name, extra in ScoreVersion.objects.filter(score_id__in=ids).values_list(
        "file", "source_keys"
    ):
        keys.extend([name, *(extra or [])])
    keys.extend(ScorePage.objects.filter(score_id__in=ids).values_list("image", flat=True))
    keys.extend(
        Score.objects.filter(pk__in=ids).exclude(thumbnail="").values_list("thumbnail", flat=True)
    )
    return sorted({key for key in keys if key})


def delete_keys(keys: Iterable[str]) -> int:
    """Removes stored files; returns how many were removed. A file that cannot be removed now
    is an orphan, never a reason to keep (or restore) rows: `purge_orphan_files` removes it
    later. While the storage is unreachable the rest are left to it as well."""
    pending = list(keys)
    for done, key in enumerate(pending):
        try:
            storage_delete(key)
        except StorageUnavailable:
            logger.warning(
                "storage unavailable: %d stored file(s) left for purge_orphan_files, from %s",
                len(pending) - done,
                key,
                exc_info=True,
            )
            return done
    return len(pending)


def delete_keys_on_commit(keys: Iterable[str]) -> None:
    """Deletes the files once the rows' deletion is committed, so a rollback loses nothing."""
    pending = list(keys)
    if pending:
        transaction.on_commit(lambda: delete_keys(pending), using=DB)


# The score


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
            key = score_key(score_id, version_id, f"{name}.{item.extension}")
            keys.append(save_bytes(key, item.content))
    except Exception:
        delete_keys(keys)
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
        delete_keys(keys)
        raise
    return score
