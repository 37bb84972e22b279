"""Terms to offer a reader: autocomplete, "did you mean" after a miss, the most looked-up."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, F
from django.utils import timezone

from dictionary import caching
from dictionary.models import DB, KEY_SEARCH, SearchAnalytics
from dictionary.selectors.entries import published
from dictionary.selectors.fuzzy import typo_matches

POPULAR_TTL = 600
SUGGESTION_LIMIT = 5


def did_you_mean(*, key: str, lang: str, limit: int = SUGGESTION_LIMIT) -> list[str]:
    """Terms a miss was probably meant to be: same prefix, then close spelling."""
    prefix = list(
        published(lang=lang)
        .filter(search_key__startswith=key[:4] or key)
        .order_by(F("overall_score").desc(nulls_last=True), "term")
        .values_list("id", flat=True)[:limit]
    )
    typos = [
        m.candidate.id for m in typo_matches(key, langs=[lang], exclude_substrings=False)[:limit]
    ]
    ids = list(dict.fromkeys(typos + prefix))[:limit]
    terms = dict(published().filter(id__in=ids).values_list("id", "term"))
    return list(dict.fromkeys(terms[i] for i in ids if i in terms))


def near_keys(*, key: str, lang: str) -> list[str]:
    """Keys close to a miss's key (a miss near one of them is a typo, not a term to write)."""
    return [m.candidate.key for m in typo_matches(key, langs=[lang], exclude_substrings=False)]


def term_suggestions(*, key: str, lang: str, limit: int) -> list[dict[str, Any]]:
    """Autocomplete: prefix matches, then substring ones; one line per term and language."""
    base = (
        published(lang=lang)
        .filter(KEY_SEARCH.containing([key], columns=("search_key",)))
        .order_by("-search_count", F("overall_score").desc(nulls_last=True))
    )
    fields = ("id", "term", "lang", "type")
    rows = list(base.filter(search_key__startswith=key).values(*fields)[:limit])
    if len(rows) < limit:
        seen = [r["id"] for r in rows]
        more = base.filter(search_key__contains=key).exclude(id__in=seen)
        rows += list(more.values(*fields)[: limit - len(rows)])
    return rows


def popular_terms(*, lang: str, days: int, limit: int) -> list[dict[str, Any]]:
    """Most looked-up entries over the last `days` (from search_analytics), cached briefly."""
    cached = caching.read("popular", lang, str(days), str(limit))
    if cached.value is not None:
        return cached.value
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
    caching.keep(cached, result, ttl=POPULAR_TTL)
    return result
