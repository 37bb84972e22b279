"""Stored files no row points at: what an upload or a render leaves behind when the storage
failed half way (its compensating delete could not reach the storage either), when a process
died between writing files and committing rows, or when a deletion's files could not be
removed after its commit. Rows never point at a missing file (files are written first), so an
unreferenced file under `scores/` is garbage once it is older than any upload or render in
flight can be (`older_than`, SCORES_ORPHAN_GRACE_MINUTES).

Safe on several hosts at once: removing a file twice is no error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice

from django.utils import timezone

from mirubato.storage import Entry, walk
from scores.services.uploads import delete_keys, file_keys

BATCH = 500


@dataclass
class OrphanSweep:
    checked: int = 0
    orphans: int = 0
    removed: int = 0


def _score_id(name: str) -> str:
    parts = name.split("/")
    return parts[1] if len(parts) > 2 else ""


def _batches(entries: Iterable[Entry]) -> Iterator[list[Entry]]:
    iterator = iter(entries)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def _orphans(entries: list[Entry], cutoff: datetime) -> list[str]:
    referenced = set(file_keys({_score_id(entry.name) for entry in entries} - {""}))
    return [e.name for e in entries if e.name not in referenced and e.modified < cutoff]


def orphan_files(*, older_than: timedelta) -> Iterator[tuple[int, list[str]]]:
    """(files checked, orphans among them) per batch of stored names under `scores/`."""
    cutoff = timezone.now() - older_than
    for entries in _batches(walk("scores")):
        yield len(entries), _orphans(entries, cutoff)


def orphan_files_purge(
    *,
    older_than: timedelta,
    dry_run: bool = False,
    progress: Callable[[OrphanSweep, list[str]], None] | None = None,
) -> OrphanSweep:
    """Removes stored files under `scores/` that no row points at and that are older than
    `older_than` (with `dry_run` it only finds them); `progress` hears of each batch."""
    sweep = OrphanSweep()
    for checked, orphans in orphan_files(older_than=older_than):
        sweep.checked += checked
        sweep.orphans += len(orphans)
        if orphans and not dry_run:
            sweep.removed += delete_keys(orphans)
        if progress:
            progress(sweep, orphans)
    return sweep
