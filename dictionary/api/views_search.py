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
from dictionary.api.common import IgnoreFormatParameter, Timer, lookup_for, query, user_id
from dictionary.exporting import chunks, export_queryset, export_record
from dictionary.lookup import term_keys
from dictionary.normalize import term_key
from dictionary.payloads import ENTRY_FIELDS, entry_payload
from dictionary.search import entry_search, published
from mirubato.api.pagination import page_body
from mirubato.streaming import StreamingResponse

TAGS = ["dictionary"]


class SearchView(APIView):
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
        params = query(s.SearchQuerySerializer, request)
        q, lang = params["q"], params["lang"]
        key = term_key(q)
        page = entry_search(
            key=key, lang=lang, type=params["type"], limit=params["limit"], offset=params["offset"]
        )
        if key:
            lookup = lookup_for(
                request, term=q, normalized=key, lang=lang or "en", source="search", timer=timer
            )
            if page.total:
                first = page.items[0] if page.items else None
                services.search_record(
                    lookup=lookup,
                    found=True,
                    entry_id=first["id"] if first else None,
                    result_lang=first["lang"] if first else "",
                )
            else:
                services.miss_record(lookup=lookup, key=key, type_hint=params["type"], near=[])
        return Response(
            page_body(page.items, total=page.total, limit=params["limit"], offset=params["offset"])
        )


class SuggestView(APIView):
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
        params = query(s.SuggestQuerySerializer, request)
        key = term_key(params["q"])
        items = (
            selectors.term_suggestions(key=key, lang=params["lang"], limit=params["limit"])
            if key
            else []
        )
        return Response({"query": params["q"], "items": items})


class PopularView(APIView):
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
        params = query(s.PopularQuerySerializer, request)
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
        data = s.BatchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        lang, type_ = data.validated_data["lang"], data.validated_data["type"]
        typed = {term: term_keys(term) for term in data.validated_data["terms"]}
        entries = _best_by_key([key for _, key in typed.values()], lang=lang, type=type_)
        found, misses, found_log, miss_log = [], [], [], []
        for term, (normalized, key) in typed.items():
            lookup = lookup_for(
                request, term=term, normalized=normalized, lang=lang, source="batch", timer=timer
            )
            if key in entries:
                found.append({"term": term, "entry": entry_payload(entries[key])})
                found_log.append((lookup, entries[key]["id"]))
            else:
                misses.append({"term": term, "normalized_term": normalized})
                miss_log.append((lookup, key, selectors.near_keys(key=key, lang=lang)))
        services.batch_record(found=found_log, misses=miss_log)
        summary = {"requested": len(typed), "found": len(found), "missing": len(misses)}
        return Response({"found": found, "misses": misses, "summary": summary})


def _best_by_key(keys: list[str], *, lang: str, type: str) -> dict[str, dict]:
    best: dict[str, dict] = {}
    rows = published(lang=lang, type=type).filter(search_key__in=keys)
    for row in rows.order_by("-overall_score").values(*ENTRY_FIELDS, "search_key"):
        best.setdefault(row.pop("search_key"), row)
    return best


class ExportView(APIView):
    permission_classes = [IsAdminUser]
    throttle_scope = "dictionary_export"
    content_negotiation_class = IgnoreFormatParameter

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
        params = query(s.ExportQuerySerializer, request)
        fmt, lang = params["format"], params["lang"]
        total = export_queryset(lang=lang).count()
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
            chunks(fmt, lang=lang),
            content_type="application/json" if fmt == "json" else "text/csv; charset=utf-8",
        )
        name = f"mirubato-dictionary-{lang or 'all'}-{stamp}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
