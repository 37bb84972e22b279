"""Exports to a file (export_dictionary) and the export_history ledger (file and endpoint)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.db import transaction

from dictionary.models import DB, ExportHistory
from dictionary.selectors.exporting import export_rows, writer_for


def export_to_file(
    *, fmt: str, lang: str, path: Path, progress: Callable[[int], None] | None = None
) -> tuple[int, int]:
    """Write the export to `path` (via a temporary name, so a reader never sees half a file);
    returns (entries, bytes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".part")
    counted = _Counting(export_rows(lang=lang), progress)
    size = 0
    with partial.open("wb") as out:
        for chunk in writer_for(fmt)(counted):
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
    """One export_history row per export, whoever asked (the command or the staff endpoint)."""
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
