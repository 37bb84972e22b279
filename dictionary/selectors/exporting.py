"""The published dictionary as JSON or CSV, streamed row by row (never built in memory)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from dictionary.models import DictionaryEntry
from dictionary.payloads import ENTRY_FIELDS, entry_payload
from dictionary.selectors.entries import published
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


def _exported(*, lang: str = "") -> QuerySet[DictionaryEntry]:
    return published(lang=lang).order_by("lang", "normalized_term", "id")


def export_count(*, lang: str = "") -> int:
    return _exported(lang=lang).count()


def export_rows(*, lang: str = "") -> Iterator[dict[str, Any]]:
    yield from _exported(lang=lang).values(*ENTRY_FIELDS).iterator(chunk_size=CHUNK)


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


def writer_for(fmt: str) -> Callable[[Iterable[dict[str, Any]]], Iterator[bytes]]:
    return json_chunks if fmt == "json" else csv_chunks


def export_chunks(fmt: str, *, lang: str = "") -> Iterator[bytes]:
    """The export's bytes, for a streaming response."""
    return writer_for(fmt)(export_rows(lang=lang))
