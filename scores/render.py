"""Reading uploaded files: PDF pages, text and metadata (pypdfium2), image pages and the
thumbnail (Pillow, WebP), MusicXML documents and their metadata (the stdlib XML parser). Pure
functions of bytes, so they are easy to test and hold no database state."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree

import pypdfium2 as pdfium
from PIL import Image

PAGE_QUALITY = 85
THUMBNAIL_QUALITY = 75
MAX_TEXT_CHARS = 500_000
MUSICXML_ROOTS = {"score-partwise", "score-timewise"}
MAX_MXL_XML_BYTES = 20 * 1024 * 1024  # a zip bomb stops here


@dataclass
class RenderedPage:
    number: int
    webp: bytes
    width: int
    height: int
    text: str = ""


@dataclass
class PdfResult:
    page_count: int
    metadata: dict[str, str]
    pages: list[RenderedPage] = field(default_factory=list)
    first_page: Image.Image | None = None


def to_webp(
    image: Image.Image, *, width: int, quality: int, upscale: bool = False
) -> tuple[bytes, int, int]:
    """`image` scaled to `width` pixels wide (never up unless asked), as WebP bytes."""
    image = image.convert("RGB")
    if image.width != width and (upscale or image.width > width):
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "WEBP", quality=quality, method=4)
    return out.getvalue(), image.width, image.height


def thumbnail(image: Image.Image, *, width: int) -> bytes:
    return to_webp(image, width=width, quality=THUMBNAIL_QUALITY, upscale=True)[0]


def _pdf_metadata(pdf: pdfium.PdfDocument) -> dict[str, str]:
    return {key: str(value) for key, value in pdf.get_metadata_dict(skip_empty=True).items()}


def _page_text(page: pdfium.PdfPage) -> str:
    textpage = page.get_textpage()
    try:
        return textpage.get_text_bounded().replace("\r\n", "\n").strip()
    finally:
        textpage.close()


def render_pdf(data: bytes, *, width: int, max_pages: int) -> PdfResult:
    """Page count, metadata, text of every rendered page and 1200 px (`width`) WebP images of
    the first `max_pages` pages; page 1 is kept as a Pillow image for the thumbnail."""
    pdf = pdfium.PdfDocument(data)
    try:
        result = PdfResult(page_count=len(pdf), metadata=_pdf_metadata(pdf))
        for index in range(min(len(pdf), max_pages)):
            page = pdf[index]
            try:
                scale = width / max(page.get_width(), 1)
                image = page.render(scale=scale).to_pil()
                webp, w, h = to_webp(image, width=width, quality=PAGE_QUALITY)
                result.pages.append(RenderedPage(index + 1, webp, w, h, _page_text(page)))
                if index == 0:
                    result.first_page = image.copy()
            finally:
                page.close()
        return result
    finally:
        pdf.close()


def render_images(
    sources: list[bytes], *, width: int
) -> Iterator[tuple[RenderedPage, Image.Image]]:
    for number, data in enumerate(sources, start=1):
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            webp, w, h = to_webp(image, width=width, quality=PAGE_QUALITY)
            yield RenderedPage(number, webp, w, h), image.copy()


MODES = {"major": "major", "minor": "minor"}
SHARP_MAJORS = ["C", "G", "D", "A", "E", "B", "F#", "C#"]
FLAT_MAJORS = ["C", "F", "Bb", "Eb", "Ab", "Db", "Gb", "Cb"]
SHARP_MINORS = ["A", "E", "B", "F#", "C#", "G#", "D#", "A#"]
FLAT_MINORS = ["A", "D", "G", "C", "F", "Bb", "Eb", "Ab"]


def key_name(fifths: int, mode: str) -> str:
    """MusicXML `<fifths>` and `<mode>` as a key name: (1, major) → "G major"."""
    minor = mode.lower() == "minor"
    if not -7 <= fifths <= 7:
        return ""
    table = (
        (SHARP_MINORS if fifths >= 0 else FLAT_MINORS)
        if minor
        else (SHARP_MAJORS if fifths >= 0 else FLAT_MAJORS)
    )
    return f"{table[abs(fifths)]} {'minor' if minor else 'major'}"


def _text(root: ElementTree.Element, path: str) -> str:
    node = root.find(path)
    return (node.text or "").strip() if node is not None and node.text else ""


def _credit_title(root: ElementTree.Element) -> str:
    for credit in root.iter("credit"):
        if _text(credit, "credit-type") == "title":
            return _text(credit, "credit-words")
    return ""


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


def musicxml_metadata(data: bytes) -> dict[str, str]:
    """Title, composer, key and time signature as written in a MusicXML file."""
    root = musicxml_root(data)
    if root is None:
        raise ValueError("Not a readable MusicXML document.")
    title = _text(root, "work/work-title") or _text(root, "movement-title") or _credit_title(root)
    composer = next(
        ((c.text or "").strip() for c in root.iter("creator") if c.get("type") == "composer"), ""
    )
    found = {"title": title, "composer": composer, "key_signature": "", "time_signature": ""}
    key = root.find(".//attributes/key")
    if key is not None and _text(key, "fifths").lstrip("-").isdigit():
        found["key_signature"] = key_name(int(_text(key, "fifths")), _text(key, "mode") or "major")
    time = root.find(".//attributes/time")
    if time is not None and _text(time, "beats") and _text(time, "beat-type"):
        found["time_signature"] = f"{_text(time, 'beats')}/{_text(time, 'beat-type')}"
    return found
