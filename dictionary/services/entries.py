"""Writing entries (staff, the pipeline's publish step, approved reviews)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from dictionary.models import DB, DictionaryEntry, EntrySource, EntryStatus
from dictionary.normalize import normalize_term


def entry_upsert(
    *,
    term: str,
    lang: str,
    type: str,
    content: dict[str, Any],
    overall_score: int | None,
    source: str = EntrySource.STAFF,
    status: str = EntryStatus.PUBLISHED,
) -> DictionaryEntry:
    """Create the entry for (term, lang), or replace the content of the one that exists
    (its id, feedback and popularity stay; its version goes up)."""
    with transaction.atomic(using=DB):
        entry = (
            DictionaryEntry.objects.using(DB)
            .select_for_update()
            .filter(normalized_term=normalize_term(term), lang=lang)
            .first()
        )
        if entry is None:
            entry = DictionaryEntry(lang=lang)
        else:
            entry.version += 1
        entry.term = term.strip()
        entry.type = type
        entry.definition = content.get("definition") or {}
        entry.references = content.get("references") or {}
        entry.metadata = content.get("metadata") or {}
        entry.quality = content.get("quality") or entry.quality or {}
        entry.overall_score = overall_score
        entry.source = source
        entry.status = status
        entry.updated_at = timezone.now()
        entry.save(using=DB)
    return entry
