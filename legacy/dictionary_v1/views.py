"""The original dictionary service's routes (D1-D6, under `/api/v1`) on the dictionary app's
selectors and services: the same lookups, search ranking, analytics rows and miss queue as
our REST API, answered as full zod-valid entries with UUID ids. Reads are public and treat a
bad or expired token as anonymous; feedback needs a signed-in user, as ours does."""

from __future__ import annotations

import time
from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from dictionary.api.inputs import (
    FeedbackInputSerializer,
    LookupQuerySerializer,
    PopularQuerySerializer,
    SearchQuerySerializer,
    SuggestQuerySerializer,
)
from dictionary.selectors import (
    did_you_mean,
    entry_get,
    entry_languages,
    entry_lookup,
    entry_related,
    entry_search,
    feedback_payload,
    near_keys,
    popular_terms,
    term_key,
    term_keys,
    term_suggestions,
    translations_of,
)
from dictionary.services import (
    Lookup,
    feedback_submit,
    miss_record,
    search_outcome_record,
    search_record,
)
from legacy.dictionary_v1 import shapes
from legacy.dictionary_v1.ids import entry_id_of
from legacy.wire import LegacyView, PublicLegacyView, SnakeCaseFields, legacy_error, ok
from mirubato.api.errors import ApiError
from mirubato.api.inputs import validated

RELATED_IN_LOOKUP = 5  # as our lookup: the entry and its five closest relations


class DictionaryRead(SnakeCaseFields, PublicLegacyView):
    throttle_scope = "dictionary"


def _lookup(
    request: Request, *, term: str, normalized: str, lang: str, source: str, started: float
) -> Lookup:
    """The analytics record of a lookup or search (as our REST views write it)."""
    return Lookup(
        term=term,
        normalized=normalized,
        lang=lang,
        source=source,
        user_id=str(request.user.pk) if request.user.is_authenticated else None,
        response_ms=int((time.perf_counter() - started) * 1000),
    )


def _entries(ids: list[str]) -> list[dict[str, Any]]:
    """Full entries, re-read by id (one gone meanwhile is left out)."""
    rows = (entry_get(entry_id=entry_id) for entry_id in ids)
    return [shapes.entry(row) for row in rows if row is not None]


class SearchView(DictionaryRead):
    """D1 `GET /search`: `{results: [entry], total, query: {q, lang, type, limit, offset}}`."""

    def get(self, request: Request) -> Response:
        started = time.perf_counter()
        params = validated(SearchQuerySerializer, shapes.search_params(request.query_params))
        q, lang, kind = params["q"], params["lang"], params["type"]
        key = term_key(q)
        limit, offset = params["limit"], params["offset"]
        page = entry_search(key=key, lang=lang, type=kind, limit=limit, offset=offset)
        if key:
            lookup = _lookup(
                request, term=q, normalized=key, lang=lang or "en", source="search", started=started
            )
            first = page.items[0] if page.items else None
            search_outcome_record(lookup=lookup, total=page.total, first=first, type_hint=kind)
        query = {"q": q, "lang": lang, "type": kind, "limit": limit, "offset": offset}
        results = _entries([item["id"] for item in page.items])
        return Response(ok({"results": results, "total": page.total, "query": query}))


class TermView(DictionaryRead):
    """D2 `GET /terms/:term`: `{entry, related_terms}`. A miss is recorded and queued exactly
    as our lookup does; with `searchAllLanguages=true` the term in another language is then
    answered instead of the 404."""

    def get(self, request: Request, term: str) -> Response:
        started = time.perf_counter()
        params = validated(LookupQuerySerializer, shapes.lookup_params(request.query_params))
        normalized, key = term_keys(term)
        lang, kind = params["lang"], params["type"]
        row = entry_lookup(normalized=normalized, key=key, lang=lang, type=kind)
        lookup = _lookup(
            request, term=term, normalized=normalized, lang=lang, source="lookup", started=started
        )
        if row is not None:
            search_record(lookup=lookup, found=True, entry_id=row["id"], result_lang=lang)
            return Response(ok(_with_related(row)))
        suggestions = did_you_mean(key=key, lang=lang)
        miss_record(lookup=lookup, key=key, type_hint=kind, near=near_keys(key=key, lang=lang))
        if shapes.searches_all_languages(request.query_params):
            others = entry_languages(key=key)
            if others:
                return Response(ok(_with_related(others[0])))
        data = {"term": term, "normalized_term": normalized, "suggestions": suggestions}
        return Response(legacy_error(404, "Term not found", data=data), status=404)


def _with_related(row: dict[str, Any]) -> dict[str, Any]:
    items = (entry_related(entry_id=row["id"]) or [])[:RELATED_IN_LOOKUP]
    pairs = [(item, entry_get(entry_id=item["entry"]["id"])) for item in items]
    related = [shapes.related(item, found) for item, found in pairs if found is not None]
    return {"entry": shapes.entry(row), "related_terms": related}


class TermLanguagesView(DictionaryRead):
    """D3 `GET /terms/:term/languages[?languages=en,es]`: `{term, normalized_term, languages:
    {lang: entry}, translations}`."""

    def get(self, request: Request, term: str) -> Response:
        wanted = [
            validated(LookupQuerySerializer, {"lang": code})["lang"]
            for code in shapes.languages_wanted(request.query_params)
        ]
        normalized, key = term_keys(term)
        rows = [r for r in entry_languages(key=key) if not wanted or r["lang"] in wanted]
        if not rows:
            raise ApiError(404, "term_not_found", "Term not found in any language")
        body = {
            "term": term,
            "normalized_term": normalized,
            "languages": {row["lang"]: shapes.entry(row) for row in rows},
            "translations": translations_of(rows),
        }
        return Response(ok(body))


class SuggestionsView(DictionaryRead):
    """D4 `GET /search/suggestions?q=`: `{suggestions: [{term}]}`."""

    def get(self, request: Request) -> Response:
        params = validated(SuggestQuerySerializer, request.query_params)
        key = term_key(params["q"])
        items = term_suggestions(key=key, lang=params["lang"], limit=params["limit"]) if key else []
        return Response(ok({"suggestions": shapes.suggestions(items)}))


class PopularView(DictionaryRead):
    """D5 `GET /search/popular?limit=`: `{terms: [term]}`."""

    def get(self, request: Request) -> Response:
        params = validated(PopularQuerySerializer, request.query_params)
        items = popular_terms(lang=params["lang"], days=params["days"], limit=params["limit"])
        return Response(ok({"terms": shapes.popular(items)}))


class FeedbackView(SnakeCaseFields, LegacyView):
    """D6 `POST /terms/:uuid/feedback {helpful}`: our rating (one per user and entry; 201
    created, 200 updated). A signed-in user is required, as ours requires: anonymous is a
    401 (the client only logs a failed feedback)."""

    throttle_scope = "dictionary_feedback"

    def post(self, request: Request, entry_uuid: str) -> Response:
        fields = validated(FeedbackInputSerializer, shapes.feedback_fields(request.data))
        entry_id = entry_id_of(entry_uuid)
        if entry_id is None or entry_get(entry_id=entry_id) is None:
            raise ApiError(404, "entry_not_found", "No published entry has this id.")
        record, created = feedback_submit(entry_id=entry_id, user_id=str(request.user.pk), **fields)
        row = entry_get(entry_id=entry_id)
        if row is None:  # deleted meanwhile; the feedback went with it
            raise ApiError(404, "entry_not_found", "No published entry has this id.")
        body = shapes.feedback(record, created=created, aggregates=feedback_payload(row))
        return Response(ok(body, message="Feedback recorded"), status=201 if created else 200)
