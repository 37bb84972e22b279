"""Search ranking: exact > prefix > substring (in SQL) > typo-tolerant (rapidfuzz), each tier
ordered by quality, then popularity. Synonyms in metadata count like the term itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When, Window

from dictionary.models import KEY_SEARCH, DictionaryEntry
from dictionary.payloads import SUMMARY_FIELDS, summary_payload
from dictionary.selectors.entries import published
from dictionary.selectors.fuzzy import typo_matches

EXACT, PREFIX, SUBSTRING = 0, 1, 2
MATCH_NAMES = {EXACT: "exact", PREFIX: "prefix", SUBSTRING: "substring"}


@dataclass(frozen=True)
class SearchPage:
    items: list[dict[str, Any]]
    total: int


def _quality_order() -> list[Any]:
    return [F("overall_score").desc(nulls_last=True), "-search_count", "term", "id"]


def _ranked(qs: QuerySet[DictionaryEntry], key: str) -> QuerySet[DictionaryEntry]:
    exact_synonym = f"|{key}|"
    prefix_synonym = f"|{key}"
    matching = Q(search_key__contains=key) | Q(synonym_keys__contains=key)
    return qs.filter(KEY_SEARCH.containing([key]), matching).annotate(
        rank=Case(
            When(Q(search_key=key) | Q(synonym_keys__contains=exact_synonym), then=Value(EXACT)),
            When(
                Q(search_key__startswith=key) | Q(synonym_keys__contains=prefix_synonym),
                then=Value(PREFIX),
            ),
            default=Value(SUBSTRING),
            output_field=IntegerField(),
        )
    )


def entry_search(*, key: str, lang: str, type: str, limit: int, offset: int) -> SearchPage:
    """One page of results for an already normalised, accent-free `key` ("" browses)."""
    base = published(lang=lang, type=type)
    if not key:
        rows = base.order_by(*_quality_order()).values(*SUMMARY_FIELDS)[offset : offset + limit]
        return SearchPage([summary_payload(r, "browse") for r in rows], base.count())
    ranked = _ranked(base, key).annotate(total=Window(Count("id")))  # one scan, not two
    rows = list(
        ranked.order_by("rank", *_quality_order()).values(*SUMMARY_FIELDS, "rank", "total")[
            offset : offset + limit
        ]
    )
    # Past the last page, or for `limit` 0 (the total alone), no row carries the window count.
    sql_total = (
        rows[0]["total"] if rows else (_ranked(base, key).count() if offset or not limit else 0)
    )
    items = [summary_payload(r, MATCH_NAMES[r["rank"]]) for r in rows]
    typos = typo_matches(key, langs=[lang] if lang else None, type=type)
    wanted = limit - len(items)
    if wanted > 0 and typos:
        start = max(0, offset - sql_total)
        items.extend(_typo_rows([m.candidate.id for m in typos[start : start + wanted]]))
    return SearchPage(items, sql_total + len(typos))


def _typo_rows(ids: list[str]) -> list[dict[str, Any]]:
    rows = {r["id"]: r for r in published().filter(id__in=ids).values(*SUMMARY_FIELDS)}
    return [summary_payload(rows[i], "typo") for i in ids if i in rows]
