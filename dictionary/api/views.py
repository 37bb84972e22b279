"""Term lookups: by term, by id, across languages, related terms, feedback."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from dictionary import selectors, services
from dictionary.api import serializers as s
from dictionary.api.common import Timer, json_bytes, lookup_for
from mirubato.api.conditional import ConditionalGetMixin
from mirubato.api.errors import ApiError
from mirubato.api.inputs import validated

TAGS = ["dictionary"]
TERM = OpenApiParameter("term", str, OpenApiParameter.PATH, description="The term as typed.")
ENTRY_ID = OpenApiParameter("id", str, OpenApiParameter.PATH, description="An entry id.")


def _not_found(message: str = "No published entry has this id.") -> ApiError:
    return ApiError(404, "entry_not_found", message)


class TermLookupView(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]
    throttle_scope = "dictionary"

    @extend_schema(
        operation_id="dictionary_term_lookup",
        tags=TAGS,
        parameters=[TERM, s.LookupQuerySerializer],
        responses={200: s.LookupSerializer},
        description="An entry by term (accent- and case-insensitive). A miss answers 404 with "
        "`details.suggestions` and queues the term for writing.",
    )
    def get(self, request, term: str):
        timer = Timer()
        params = validated(s.LookupQuerySerializer, request.query_params)
        normalized, key = selectors.term_keys(term)
        lang, type_ = params["lang"], params["type"]
        found = selectors.lookup_body(normalized=normalized, key=key, lang=lang, type=type_)
        if found is not None:
            lookup = lookup_for(
                request, term=term, normalized=normalized, lang=lang, source="lookup", timer=timer
            )
            services.search_record(lookup=lookup, found=True, entry_id=found[0], result_lang=lang)
            return json_bytes(found[1])
        suggestions = selectors.did_you_mean(key=key, lang=lang)
        near = selectors.near_keys(key=key, lang=lang)
        lookup = lookup_for(
            request, term=term, normalized=normalized, lang=lang, source="lookup", timer=timer
        )
        queued = services.miss_record(lookup=lookup, key=key, type_hint=type_, near=near)
        raise ApiError(
            404,
            "term_not_found",
            f"No entry for '{term[:100]}' in {lang}.",
            {
                "term": term,
                "normalized_term": normalized,
                "suggestions": suggestions,
                "queued": queued,
            },
        )


class TermByIdView(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]
    throttle_scope = "dictionary"

    @extend_schema(
        operation_id="dictionary_term_by_id",
        tags=TAGS,
        parameters=[ENTRY_ID],
        responses={200: s.LookupSerializer},
    )
    def get(self, request, id: str):
        body = selectors.id_body(entry_id=id)
        if body is None:
            raise _not_found()
        return json_bytes(body)


class TermLanguagesView(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]
    throttle_scope = "dictionary"

    @extend_schema(
        operation_id="dictionary_term_languages",
        tags=TAGS,
        parameters=[TERM],
        responses={200: s.LanguagesSerializer},
        description="The term in every language it exists in, keyed by language code.",
    )
    def get(self, request, term: str):
        normalized, key = selectors.term_keys(term)
        rows = selectors.entry_languages(key=key)
        if not rows:
            raise ApiError(404, "term_not_found", f"No entry for '{term[:100]}' in any language.")
        return Response(
            {
                "term": term,
                "normalized_term": normalized,
                "languages": {row["lang"]: selectors.entry_payload(row) for row in rows},
                "translations": selectors.translations_of(rows),
            }
        )


class RelatedView(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]
    throttle_scope = "dictionary"

    @extend_schema(
        operation_id="dictionary_term_related",
        tags=TAGS,
        parameters=[ENTRY_ID],
        responses={200: s.RelatedListSerializer},
    )
    def get(self, request, id: str):
        related = selectors.entry_related(entry_id=id)
        if related is None:
            raise _not_found()
        return Response({"items": related})


class FeedbackView(APIView):
    permission_classes = [IsAuthenticated]
    throttle_scope = "dictionary_feedback"

    @extend_schema(
        operation_id="dictionary_term_feedback",
        tags=TAGS,
        parameters=[ENTRY_ID],
        request=s.FeedbackInputSerializer,
        responses={200: s.FeedbackResponseSerializer, 201: s.FeedbackResponseSerializer},
        description="Rate an entry (one rating per user and entry; sending again updates it). "
        "201 when created, 200 when updated.",
    )
    def post(self, request, id: str):
        data = validated(s.FeedbackInputSerializer, request.data)
        if selectors.entry_get(entry_id=id) is None:
            raise _not_found()
        feedback, created = services.feedback_submit(
            entry_id=id, user_id=str(request.user.pk), **data
        )
        aggregates = selectors.entry_get(entry_id=id)
        if aggregates is None:  # deleted meanwhile; the feedback went with it
            raise _not_found()
        body = {
            "feedback": {
                "id": feedback.id,
                "entry_id": feedback.entry_id,
                "rating": feedback.rating,
                "helpful": feedback.helpful,
                "comment": feedback.comment,
                "created_at": feedback.created_at,
                "updated_at": feedback.updated_at,
            },
            "aggregates": selectors.feedback_payload(aggregates),
        }
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
