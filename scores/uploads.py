"""What an upload is, decided by its bytes (never its name or declared type), and its limits.

A PDF must start with `%PDF-`; images must be PNG, JPEG or WebP that Pillow can read; MusicXML
is an XML document whose root is `score-partwise` or `score-timewise`, or a compressed `.mxl`
(a zip holding one). Anything else is a 415; anything too big a 413.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO
from xml.etree import ElementTree

from django.conf import settings
from PIL import Image, UnidentifiedImageError

from mirubato.api.errors import ApiError, PayloadTooLarge

PDF = "pdf"
MUSICXML = "musicxml"
IMAGE = "image"
MUSICXML_ROOTS = {"score-partwise", "score-timewise"}
IMAGE_TYPES = {
    "PNG": ("image/png", "png"),
    "JPEG": ("image/jpeg", "jpg"),
    "WEBP": ("image/webp", "webp"),
}
MAX_MXL_XML_BYTES = 20 * 1024 * 1024  # a zip bomb stops here


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


def musicxml_root(data: bytes) -> ElementTree.Element | None:
    """The parsed root of an uncompressed or compressed MusicXML document, or None."""
    if data.startswith(b"PK\x03\x04"):
        data = _unzip_musicxml(data) or b""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return None
    try:
        root = ElementTree.fromstring(data)  # expat: no external entities, no DTD fetching
    except ElementTree.ParseError:
        return None
    return root if root.tag in MUSICXML_ROOTS else None


def _unzip_musicxml(data: bytes) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [
                info
                for info in archive.infolist()
                if info.filename.lower().endswith((".xml", ".musicxml"))
                and not info.filename.upper().startswith("META-INF/")
            ]
            if not names or names[0].file_size > MAX_MXL_XML_BYTES:
                return None
            return archive.read(names[0])
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return None


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
