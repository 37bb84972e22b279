"""The seed set shipped in dictionary/seed/: core entries written for this project (English,
with their names in the other languages) and a curated list of terms queued for writing."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from dictionary.models import (
    DB,
    DictionaryEntry,
    EntrySource,
    Lang,
    QueueSource,
    RelatedTerm,
    Relationship,
    SeedQueue,
)
from dictionary.normalize import normalize_term, term_key
from dictionary.pipeline.quality import score_entry
from dictionary.services.pipeline.queue import seed_enqueue

SEED_DIR = Path(__file__).parent.parent / "seed"


@dataclass
class SeedSummary:
    created: int = 0
    existing: int = 0
    relations: int = 0
    queued: int = 0
    already_queued: int = 0

    def line(self, *, dry_run: bool) -> str:
        verb = "would create" if dry_run else "created"
        return (
            f"seed_dictionary: {verb} {self.created} entries ({self.existing} already present), "
            f"{self.relations} relations, queued {self.queued} terms "
            f"({self.already_queued} already queued or written)."
        )


@cache
def core_terms() -> list[dict[str, Any]]:
    return json.loads((SEED_DIR / "core_terms.json").read_text(encoding="utf-8"))


@cache
def curated_terms() -> list[tuple[str, str, int]]:
    lines = (SEED_DIR / "curated_terms.txt").read_text(encoding="utf-8").splitlines()
    rows = [line.split("|") for line in lines if line.strip() and not line.startswith("#")]
    return [(term.strip(), kind.strip(), int(priority)) for term, kind, priority in rows]


def seed_content(raw: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": raw["type"],
        "definition": {
            "concise": raw["concise"],
            "detailed": raw["detailed"],
            "etymology": raw["etymology"],
            "pronunciation": {"ipa": raw["ipa"]},
            "usage_example": raw["example"],
            "translations": raw.get("names") or {},
        },
        "metadata": {
            "categories": raw.get("categories") or [],
            "related_terms": raw.get("related") or [],
            "synonyms": raw.get("synonyms") or [],
        },
        "references": {},
    }


def _create_entry(raw: dict[str, Any]) -> bool:
    """Create a seed entry unless one exists: staff edits are never overwritten."""
    content = seed_content(raw)
    with transaction.atomic(using=DB):
        taken = DictionaryEntry.objects.using(DB).filter(
            normalized_term=normalize_term(raw["term"]), lang=Lang.EN
        )
        if taken.exists():
            return False
        DictionaryEntry(
            term=raw["term"],
            lang=Lang.EN,
            type=raw["type"],
            definition=content["definition"],
            metadata=content["metadata"],
            references={},
            quality={"human_verified": True, "verified_by": "seed"},
            overall_score=score_entry(content),
            source=EntrySource.SEED,
        ).save(using=DB)
    return True


def _link_relations() -> int:
    """related_terms rows between seed entries that name each other."""
    entries = dict(
        DictionaryEntry.objects.using(DB)
        .filter(lang=Lang.EN, search_key__in=[term_key(t["term"]) for t in core_terms()])
        .values_list("search_key", "id")
    )
    links = []
    for raw in core_terms():
        source = entries.get(term_key(raw["term"]))
        for name in raw.get("related") or []:
            target = entries.get(term_key(name))
            if source and target and source != target:
                links.append(
                    RelatedTerm(
                        entry_id=source,
                        related_entry_id=target,
                        relationship_type=Relationship.SEE_ALSO,
                        confidence=0.9,
                    )
                )
    with transaction.atomic(using=DB):
        before = RelatedTerm.objects.using(DB).count()
        RelatedTerm.objects.using(DB).bulk_create(links, ignore_conflicts=True)
        return RelatedTerm.objects.using(DB).count() - before


def _would_queue(term: str) -> bool:
    normalized = normalize_term(term)
    return not (
        DictionaryEntry.objects.using(DB).filter(normalized_term=normalized, lang=Lang.EN).exists()
        or SeedQueue.objects.using(DB).filter(normalized_term=normalized, lang=Lang.EN).exists()
    )


def seed_load(
    *, dry_run: bool = False, progress: Callable[[str], None] | None = None
) -> SeedSummary:
    """Load the core entries and queue the curated terms; running it again changes nothing."""
    summary = SeedSummary()
    for raw in core_terms():
        exists = (
            DictionaryEntry.objects.using(DB)
            .filter(normalized_term=normalize_term(raw["term"]), lang=Lang.EN)
            .exists()
        )
        if exists or (not dry_run and not _create_entry(raw)):
            summary.existing += 1
        else:
            summary.created += 1
    if progress:
        progress(f"entries: {summary.created} new, {summary.existing} present")
    if not dry_run:
        summary.relations = _link_relations()
    for term, kind, priority in curated_terms():
        if dry_run:
            queued = _would_queue(term)
        else:
            queued = seed_enqueue(
                term=term, lang=Lang.EN, priority=priority, type_hint=kind, source=QueueSource.SEED
            )
        summary.queued += int(queued)
        summary.already_queued += int(not queued)
    return summary
