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
from mirubato.prepared import Prepared

EXACT, PREFIX, SUBSTRING = 0, 1, 2
MATCH_NAMES = {EXACT: "exact", PREFIX: "prefix", SUBSTRING: "substring"}


@dataclass(frozen=True)
class SearchPage:
    items: list[dict[str, Any]]
    total: int


def _quality_order() -> list[Any]:
    return [F("overall_score").desc(nulls_last=True), "-search_count", "term", "id"]


def _ranked(
    qs: QuerySet[DictionaryEntry], *, key: str, exact_synonym: str, prefix_synonym: str, fts: str
) -> QuerySet[DictionaryEntry]:
    """The matches of `key` with their tier. Every value is derived by `_ranking_values`
    before the call, so the query can be prepared once (`_RANKED_PAGE`)."""
    matching = Q(search_key__contains=key) | Q(synonym_keys__contains=key)
    return qs.filter(KEY_SEARCH.matching(fts), matching).annotate(
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


def _ranking_values(key: str) -> dict[str, str]:
    return {
        "key": key,
        "exact_synonym": f"|{key}|",
        "prefix_synonym": f"|{key}",
        "fts": KEY_SEARCH.match_query([key]),
    }


def _ranked_page(*, lang: str, type: str, **ranking: str) -> QuerySet:
    ranked = _ranked(published(lang=lang, type=type), **ranking)
    counted = ranked.annotate(total=Window(Count("id")))  # one scan, not two
    return counted.order_by("rank", *_quality_order()).values(*SUMMARY_FIELDS, "rank", "total")


# Built and compiled once a shape: the ORM spent more building and compiling this query
# than the database spent running it (bench/README.md).
_RANKED_PAGE = Prepared(_ranked_page)


def entry_search(*, key: str, lang: str, type: str, limit: int, offset: int) -> SearchPage:
    """One page of results for an already normalised, accent-free `key` ("" browses)."""
    if not key:
        base = published(lang=lang, type=type)
        rows = base.order_by(*_quality_order()).values(*SUMMARY_FIELDS)[offset : offset + limit]
        return SearchPage([summary_payload(r, "browse") for r in rows], base.count())
    ranking = _ranking_values(key)
    rows = _RANKED_PAGE.rows(page=(limit, offset), lang=lang, type=type, **ranking) if limit else []
    # Past the last page, or for `limit` 0 (the total alone), no row carries the window count.
    if rows:
        sql_total = rows[0]["total"]
    elif offset or not limit:
        sql_total = _ranked(published(lang=lang, type=type), **ranking).count()
    else:
        sql_total = 0
    items = [summary_payload(r, MATCH_NAMES[r["rank"]]) for r in rows]
    typos = typo_matches(key, langs=[lang] if lang else None, type=type)
    wanted = limit - len(items)
    if wanted > 0 and typos:
        start = max(0, offset - sql_total)
        items.extend(_typo_rows([m.candidate.id for m in typos[start : start + wanted]]))
    return SearchPage(items, sql_total + len(typos))


def _typo_rows(ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    found = _BY_IDS.rows(**{f"id{n}": entry_id for n, entry_id in enumerate(ids)})
    rows = {r["id"]: r for r in found}
    return [summary_payload(rows[i], "typo") for i in ids if i in rows]


def _by_ids(**ids: str) -> QuerySet:
    return published().filter(id__in=list(ids.values())).values(*SUMMARY_FIELDS)


# One plan for each number of ids (at most a page's limit).
_BY_IDS = Prepared(_by_ids)
