"""Reads of entries for the public API. Only published entries are ever returned."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from dictionary.models import DB, DictionaryEntry, EntryStatus, RelatedTerm
from dictionary.normalize import term_key
from dictionary.payloads import ENTRY_FIELDS, SUMMARY_FIELDS, summary_payload
from mirubato.prepared import Prepared


def published(*, lang: str = "", type: str = "") -> QuerySet[DictionaryEntry]:
    """The one rule for what the public side may show: published entries."""
    qs = DictionaryEntry.objects.using(DB).filter(status=EntryStatus.PUBLISHED)
    if lang:
        qs = qs.filter(lang=lang)
    if type:
        qs = qs.filter(type=type)
    return qs


def _best_by_key(*, lang: str, type: str, key: str, normalized: str) -> QuerySet:
    exact_first = Case(
        When(normalized_term=normalized, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        published(lang=lang, type=type)
        .filter(search_key=key)
        .order_by(exact_first, F("overall_score").desc(nulls_last=True), "id")
        .values(*ENTRY_FIELDS)[:1]
    )


# Built and compiled once: the ORM spent 720 of this query's 740 µs doing that.
_BEST_BY_KEY = Prepared(_best_by_key)


def entry_lookup(*, normalized: str, key: str, lang: str, type: str = "") -> dict[str, Any] | None:
    """The entry for a term: accents as typed first, then accent-free, then a synonym."""
    found = _BEST_BY_KEY.rows(lang=lang, type=type, key=key, normalized=normalized)
    row = found[0] if found else None
    if row is None and key:
        row = (
            published(lang=lang, type=type)
            .filter(synonym_keys__contains=f"|{key}|")
            .order_by(F("overall_score").desc(nulls_last=True), "id")
            .values(*ENTRY_FIELDS)
            .first()
        )
    return row


def entry_get(*, entry_id: str) -> dict[str, Any] | None:
    return published().filter(id=entry_id).values(*ENTRY_FIELDS).first()


def entries_by_key(*, keys: list[str], lang: str, type: str) -> dict[str, dict[str, Any]]:
    """The best published entry (highest quality) for each search key."""
    best: dict[str, dict[str, Any]] = {}
    rows = published(lang=lang, type=type).filter(search_key__in=keys)
    for row in rows.order_by("-overall_score").values(*ENTRY_FIELDS, "search_key"):
        best.setdefault(row.pop("search_key"), row)
    return best


def entry_languages(*, key: str) -> list[dict[str, Any]]:
    """The term in every language: entries sharing its key, plus the entries named by the
    translations of the best of them (`definition.translations`: {"de": "Fermate", ...})."""
    rows = list(
        published()
        .filter(search_key=key)
        .order_by(F("overall_score").desc(nulls_last=True))
        .values(*ENTRY_FIELDS)
    )
    by_lang: dict[str, dict[str, Any]] = {}
    for row in rows:
        by_lang.setdefault(row["lang"], row)
    translations = translations_of(rows)
    wanted = Q()
    for lang, name in translations.items():
        if lang not in by_lang:
            wanted |= Q(lang=lang, search_key=term_key(name))
    if wanted:
        for row in published().filter(wanted).values(*ENTRY_FIELDS):
            by_lang.setdefault(row["lang"], row)
    return list(by_lang.values())


def translations_of(rows: list[dict[str, Any]]) -> dict[str, str]:
    for row in rows:
        names = (row["definition"] or {}).get("translations")
        if isinstance(names, dict) and names:
            return {k: v for k, v in names.items() if isinstance(v, str) and v.strip()}
    return {}


def _relations(*, entry_id: str) -> QuerySet:
    return (
        RelatedTerm.objects.using(DB)
        .filter(entry_id=entry_id)  # no join: unpublished targets drop out below
        .order_by("-confidence")
        .values("related_entry_id", "relationship_type", "confidence")
    )


# Every lookup that misses the cache reads them; most entries have none.
_RELATIONS = Prepared(_relations)


def entry_related(
    *, entry_id: str, entry: dict[str, Any] | None = None
) -> list[dict[str, Any]] | None:
    """Related entries: the related_terms table, then metadata.related_terms by name.
    `entry`: the published entry's row (id, lang, metadata) when the caller already read it."""
    if entry is None:
        entry = published().filter(id=entry_id).values("id", "lang", "metadata").first()
    if entry is None:
        return None
    relations = _RELATIONS.rows(entry_id=entry_id)
    kinds = {r["related_entry_id"]: (r["relationship_type"], r["confidence"]) for r in relations}
    names = (entry["metadata"] or {}).get("related_terms") or []
    keys = [term_key(n) for n in names if isinstance(n, str) and n.strip()]
    rows: dict[str, dict[str, Any]] = {}
    # Most entries have neither kind of relation: building the empty queries would cost
    # as much as the lookup's own query.
    if kinds:
        rows = {r["id"]: r for r in published().filter(id__in=kinds).values(*SUMMARY_FIELDS)}
    if keys:
        named = published(lang=entry["lang"]).filter(search_key__in=keys).exclude(id=entry_id)
        for row in named.values(*SUMMARY_FIELDS):
            rows.setdefault(row["id"], row)
            kinds.setdefault(row["id"], ("related", 0.5))
    ordered = sorted(rows.values(), key=lambda r: -kinds[r["id"]][1])
    return [
        {
            "entry": summary_payload(row, "related"),
            "relationship_type": kinds[row["id"]][0],
            "confidence": kinds[row["id"]][1],
        }
        for row in ordered
    ]
