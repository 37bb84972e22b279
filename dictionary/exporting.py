"""Exports of the published dictionary as JSON or CSV, streamed row by row (never built in
memory), to a file (export_dictionary) or an HTTP response (the staff endpoint)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from django.db import transaction

from dictionary.models import DB, ExportHistory
from dictionary.payloads import ENTRY_FIELDS, entry_payload
from dictionary.search import published
from mirubato.api.camel import camelize
from mirubato.api.renderers import dumps

CHUNK = 500
CSV_COLUMNS = [
    "id",
    "term",
    "lang",
    "type",
    "concise",
    "detailed",
    "etymology",
    "pronunciation",
    "usage_example",
    "categories",
    "related_terms",
    "synonyms",
    "quality_score",
    "updated_at",
]


def export_queryset(*, lang: str = ""):
    return published(lang=lang).order_by("lang", "normalized_term", "id")


def rows(*, lang: str = "") -> Iterator[dict[str, Any]]:
    yield from export_queryset(lang=lang).values(*ENTRY_FIELDS).iterator(chunk_size=CHUNK)


def json_chunks(entries: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """A JSON array, one entry at a time."""
    yield b"["
    for index, row in enumerate(entries):
        yield (b",\n" if index else b"\n") + dumps(camelize(entry_payload(row)))
    yield b"\n]\n"


def _csv_line(values: list[Any]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(values)
    return buffer.getvalue().encode()


def _csv_values(row: dict[str, Any]) -> list[Any]:
    definition = row["definition"] or {}
    metadata = row["metadata"] or {}
    pronunciation = definition.get("pronunciation") or {}
    return [
        row["id"],
        row["term"],
        row["lang"],
        row["type"],
        definition.get("concise", ""),
        definition.get("detailed", ""),
        definition.get("etymology", ""),
        pronunciation.get("ipa", "") if isinstance(pronunciation, dict) else "",
        definition.get("usage_example", ""),
        "; ".join(map(str, metadata.get("categories") or [])),
        "; ".join(map(str, metadata.get("related_terms") or [])),
        "; ".join(map(str, metadata.get("synonyms") or [])),
        row["overall_score"] if row["overall_score"] is not None else "",
        row["updated_at"].isoformat(),
    ]


def csv_chunks(entries: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    yield _csv_line(CSV_COLUMNS)
    for row in entries:
        yield _csv_line(_csv_values(row))


def chunks(fmt: str, *, lang: str = "") -> Iterator[bytes]:
    writer = json_chunks if fmt == "json" else csv_chunks
    return writer(rows(lang=lang))


def export_to_file(
    *, fmt: str, lang: str, path: Path, progress: Callable[[int], None] | None = None
) -> tuple[int, int]:
    """Write the export to `path` (via a temporary name, so a reader never sees half a file);
    returns (entries, bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".part")
    counted = _Counting(rows(lang=lang), progress)
    writer = json_chunks if fmt == "json" else csv_chunks
    size = 0
    with partial.open("wb") as out:
        for chunk in writer(counted):
            out.write(chunk)
            size += len(chunk)
    partial.replace(path)
    return counted.count, size


class _Counting:
    PROGRESS_EVERY = 1000

    def __init__(self, source: Iterator[dict[str, Any]], progress) -> None:
        self.source, self.progress, self.count = source, progress, 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.source:
            self.count += 1
            if self.progress and self.count % self.PROGRESS_EVERY == 0:
                self.progress(self.count)
            yield row


def export_record(
    *, fmt: str, lang: str, total: int, size: int, path: str, requested_by: str, via: str
) -> ExportHistory:
    with transaction.atomic(using=DB):
        return ExportHistory.objects.using(DB).create(
            format=fmt,
            lang=lang,
            total_entries=total,
            file_size_bytes=size,
            storage_path=path,
            requested_by=requested_by,
            via=via,
        )
