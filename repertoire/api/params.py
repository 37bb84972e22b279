"""Query parameters of the repertoire, goals, annotations and autocomplete lists, by their wire
names; each view checks them with `mirubato.api.inputs.validated` (a bad one is a 400 naming
it)."""

from __future__ import annotations

from rest_framework import serializers

from mirubato.api.fields import Choice, Text
from mirubato.api.pagination import PageParams
from repertoire.api.serializers.annotations import MAX_PAGE
from repertoire.models import Goal
from repertoire.selectors.autocomplete import MIN_QUERY
from repertoire.selectors.repertoire import ORDERINGS, REPERTOIRE_STATUSES

DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS = 10, 50


class RepertoireListParams(PageParams):
    status = Choice(REPERTOIRE_STATUSES, required=False)
    orderBy = Choice(  # Newest first by update (default) or by last practice.
        ORDERINGS, source="order_by", default="updated", help_text="Default updated."
    )


class GoalListParams(PageParams):
    status = Choice(Goal.Status.values, required=False)
    type = Choice(Goal.Type.values, required=False)
    scoreId = Text(
        source="score_id",
        required=False,
        allow_blank=True,
        help_text="Only goals for this piece (normalised).",
    )


class AnnotationListParams(serializers.Serializer):
    scoreId = Text(
        source="score_id", required=False, allow_blank=True, help_text="Only this score."
    )
    page = Text(required=False, allow_blank=True, help_text="Only this page number (1 or more).")

    def validate_page(self, raw: str) -> int | None:
        if not raw:
            return None
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PAGE:
            raise serializers.ValidationError(f"Must be a page number from 1 to {MAX_PAGE}.")
        return int(raw)


class SuggestParams(PageParams):
    default_limit, max_limit = DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS

    q = Text(
        required=False,
        allow_blank=True,
        default="",
        help_text=f"What was typed; fewer than {MIN_QUERY} letters gives no results.",
    )


class PieceSuggestParams(SuggestParams):
    composer = Text(
        required=False, allow_blank=True, default="", help_text="Only this composer's pieces."
    )
