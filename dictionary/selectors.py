"""Reads for the public API. Only published entries are ever returned."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils import timezone

from dictionary import caching, fuzzy
from dictionary.models import DB, RelatedTerm, SearchAnalytics
from dictionary.normalize import term_key
from dictionary.payloads import ENTRY_FIELDS, SUMMARY_FIELDS, summary_payload
from dictionary.search import published

POPULAR_TTL = 600
SUGGESTION_LIMIT = 5


def entry_lookup(*, normalized: str, key: str, lang: str, type: str = "") -> dict[str, Any] | None:
    """The entry for a term: accents as typed first, then accent-free, then a synonym."""
    base = published(lang=lang, type=type)
    exact_first = Case(
        When(normalized_term=normalized, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    row = (
        base.filter(search_key=key)
        .order_by(exact_first, F("overall_score").desc(nulls_last=True), "id")
        .values(*ENTRY_FIELDS)
        .first()
    )
    if row is None and key:
        row = (
            base.filter(synonym_keys__contains=f"|{key}|")
            .order_by(F("overall_score").desc(nulls_last=True), "id")
            .values(*ENTRY_FIELDS)
            .first()
        )
    return row


def entry_get(*, entry_id: str) -> dict[str, Any] | None:
    return published().filter(id=entry_id).values(*ENTRY_FIELDS).first()


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


def entry_related(*, entry_id: str) -> list[dict[str, Any]] | None:
    """Related entries: the related_terms table, then metadata.related_terms by name."""
    entry = published().filter(id=entry_id).values("id", "lang", "metadata").first()
    if entry is None:
        return None
    relations = list(
        RelatedTerm.objects.using(DB)
        .filter(entry_id=entry_id)  # no join: unpublished targets drop out below
        .order_by("-confidence")
        .values("related_entry_id", "relationship_type", "confidence")
    )
    kinds = {r["related_entry_id"]: (r["relationship_type"], r["confidence"]) for r in relations}
    names = (entry["metadata"] or {}).get("related_terms") or []
    keys = [term_key(n) for n in names if isinstance(n, str) and n.strip()]
    named = published(lang=entry["lang"]).filter(search_key__in=keys).exclude(id=entry_id)
    rows = {r["id"]: r for r in published().filter(id__in=kinds).values(*SUMMARY_FIELDS)}
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


def did_you_mean(*, key: str, lang: str, limit: int = SUGGESTION_LIMIT) -> list[str]:
    """Terms a miss was probably meant to be: same prefix, then close spelling."""
    prefix = list(
        published(lang=lang)
        .filter(search_key__startswith=key[:4] or key)
        .order_by(F("overall_score").desc(nulls_last=True), "term")
        .values_list("id", flat=True)[:limit]
    )
    typos = [
        m.candidate.id
        for m in fuzzy.typo_matches(key, langs=[lang], exclude_substrings=False)[:limit]
    ]
    ids = list(dict.fromkeys(typos + prefix))[:limit]
    terms = dict(published().filter(id__in=ids).values_list("id", "term"))
    return list(dict.fromkeys(terms[i] for i in ids if i in terms))


def near_keys(*, key: str, lang: str) -> list[str]:
    return [
        m.candidate.key for m in fuzzy.typo_matches(key, langs=[lang], exclude_substrings=False)
    ]


def term_suggestions(*, key: str, lang: str, limit: int) -> list[dict[str, Any]]:
    """Autocomplete: prefix matches, then substring ones; one line per term and language."""
    base = published(lang=lang).order_by("-search_count", F("overall_score").desc(nulls_last=True))
    fields = ("id", "term", "lang", "type")
    rows = list(base.filter(search_key__startswith=key).values(*fields)[:limit])
    if len(rows) < limit:
        seen = [r["id"] for r in rows]
        more = base.filter(search_key__contains=key).exclude(id__in=seen)
        rows += list(more.values(*fields)[: limit - len(rows)])
    return rows


def popular_terms(*, lang: str, days: int, limit: int) -> list[dict[str, Any]]:
    """Most looked-up entries over the last `days` (from search_analytics), cached briefly."""
    cache_key = caching.key("popular", lang, str(days), str(limit))
    cached = caching.get(cache_key)
    if cached is not None:
        return cached
    since = timezone.now() - timedelta(days=days)
    hits = (
        SearchAnalytics.objects.using(DB)
        .filter(found=True, searched_at__gte=since)
        .exclude(entry_id="")
    )
    if lang:
        hits = hits.filter(result_lang=lang)
    counts = list(
        hits.values("entry_id").annotate(n=Count("id")).order_by("-n", "entry_id")[: limit * 2]
    )
    entries = {
        r["id"]: r
        for r in published(lang=lang)
        .filter(id__in=[c["entry_id"] for c in counts])
        .values("id", "term", "lang", "type")
    }
    result = [
        {**entries[c["entry_id"]], "search_count": c["n"]}
        for c in counts
        if c["entry_id"] in entries
    ][:limit]
    caching.put(cache_key, result, ttl=POPULAR_TTL)
    return result
