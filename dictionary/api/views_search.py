"""Search, autocomplete, popular terms, batch lookup and the staff export."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny, IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from dictionary import selectors, services
from dictionary.api import serializers as s
from dictionary.api.common import Timer, lookup_for, user_id
from dictionary.normalize import term_key
from dictionary.selectors.exporting import export_chunks, export_count
from dictionary.services.exporting import export_record
from mirubato.api.conditional import ConditionalGetMixin
from mirubato.api.inputs import validated
from mirubato.api.pagination import page_body
from mirubato.streaming import StreamingResponse

TAGS = ["dictionary"]


class SearchView(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]
    throttle_scope = "dictionary"

    @extend_schema(
        operation_id="dictionary_search",
        tags=TAGS,
        parameters=[s.SearchQuerySerializer],
        responses={200: s.SearchPageSerializer},
        description="Ranked: exact > prefix > substring > close spelling (typos), then quality "
        "and popularity; synonyms count like the term. A search finding nothing queues `q`.",
    )
    def get(self, request):
        timer = Timer()
        params = validated(s.SearchQuerySerializer, request.query_params)
        q, lang = params["q"], params["lang"]
        key = term_key(q)
        page = selectors.entry_search(
            key=key, lang=lang, type=params["type"], limit=params["limit"], offset=params["offset"]
        )
        if key:
            lookup = lookup_for(
                request, term=q, normalized=key, lang=lang or "en", source="search", timer=timer
            )
            first = page.items[0] if page.items else None
            services.search_outcome_record(
                lookup=lookup, total=page.total, first=first, type_hint=params["type"]
            )
        return Response(
            page_body(page.items, total=page.total, limit=params["limit"], offset=params["offset"])
        )


class SuggestView(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]
    throttle_scope = "dictionary"

    @extend_schema(
        operation_id="dictionary_suggest",
        tags=TAGS,
        parameters=[s.SuggestQuerySerializer],
        responses={200: s.SuggestResponseSerializer},
        description="Autocomplete: terms starting with (then containing) `q`.",
    )
    def get(self, request):
        params = validated(s.SuggestQuerySerializer, request.query_params)
        key = term_key(params["q"])
        items = (
            selectors.term_suggestions(key=key, lang=params["lang"], limit=params["limit"])
            if key
            else []
        )
        return Response({"query": params["q"], "items": items})


class PopularView(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]
    throttle_scope = "dictionary"

    @extend_schema(
        operation_id="dictionary_popular",
        tags=TAGS,
        parameters=[s.PopularQuerySerializer],
        responses={200: s.PopularPageSerializer},
        description="The most looked-up entries over the last `days` days.",
    )
    def get(self, request):
        params = validated(s.PopularQuerySerializer, request.query_params)
        items = selectors.popular_terms(
            lang=params["lang"], days=params["days"], limit=params["limit"]
        )
        body = page_body(items, total=len(items), limit=params["limit"], offset=0)
        return Response({**body, "period_days": params["days"]})


class BatchView(APIView):
    permission_classes = [AllowAny]
    throttle_scope = "dictionary_batch"

    @extend_schema(
        operation_id="dictionary_batch",
        tags=TAGS,
        request=s.BatchInputSerializer,
        responses={200: s.BatchResponseSerializer},
        description=f"Look up to {s.BATCH_LIMIT} terms at once in one language.",
    )
    def post(self, request):
        timer = Timer()
        data = validated(s.BatchInputSerializer, request.data)
        lang = data["lang"]
        results = selectors.batch_lookup(terms=data["terms"], lang=lang, type=data["type"])
        services.batch_record(**_batch_log(request, results, lang=lang, timer=timer))
        found = [
            {"term": r.term, "entry": selectors.entry_payload(r.entry)}
            for r in results
            if r.entry is not None
        ]
        misses = [
            {"term": r.term, "normalized_term": r.normalized} for r in results if r.entry is None
        ]
        summary = {"requested": len(results), "found": len(found), "missing": len(misses)}
        return Response({"found": found, "misses": misses, "summary": summary})


def _batch_log(
    request, results: list[selectors.BatchTerm], *, lang: str, timer: Timer
) -> dict[str, list]:
    """The analytics of a batch: (lookup, entry id) per hit, (lookup, key, near keys) per miss."""
    found, misses = [], []
    for result in results:
        lookup = lookup_for(
            request,
            term=result.term,
            normalized=result.normalized,
            lang=lang,
            source="batch",
            timer=timer,
        )
        if result.entry is not None:
            found.append((lookup, result.entry["id"]))
        else:
            misses.append((lookup, result.key, selectors.near_keys(key=result.key, lang=lang)))
    return {"found": found, "misses": misses}


class ExportView(APIView):
    permission_classes = [IsAdminUser]
    throttle_scope = "dictionary_export"

    @extend_schema(
        operation_id="dictionary_export",
        tags=TAGS,
        parameters=[s.ExportQuerySerializer],
        responses={
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="A JSON array of entries."
            ),
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="CSV, one row per entry."
            ),
        },
        description="Staff only: every published entry (optionally one language), streamed.",
    )
    def get(self, request):
        params = validated(s.ExportQuerySerializer, request.query_params)
        fmt, lang = params["format"], params["lang"]
        total = export_count(lang=lang)
        export_record(
            fmt=fmt,
            lang=lang,
            total=total,
            size=0,
            path="",
            via="api",
            requested_by=user_id(request) or "",
        )
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response = StreamingResponse(
            export_chunks(fmt, lang=lang),
            content_type="application/json" if fmt == "json" else "text/csv; charset=utf-8",
        )
        name = f"mirubato-dictionary-{lang or 'all'}-{stamp}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
