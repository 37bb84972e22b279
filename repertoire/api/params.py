"""Query parameters of the repertoire, goals, annotations and autocomplete lists, by their wire
names; each view checks them with `mirubato.api.inputs.validated` (a bad one is a 400 naming
it)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mirubato.api.fields import Choice, LocalRangeParams, Text
from mirubato.api.inputs import ParamsSerializer
from mirubato.api.pagination import PageParams
from repertoire.api.serializers.annotations import MAX_PAGE
from repertoire.logbook import ACTIVITY_TYPES, LOGBOOK_TYPES, MAX_RATING, MIN_RATING
from repertoire.models import Goal
from repertoire.selectors.autocomplete import MIN_QUERY
from repertoire.selectors.practice_logs import ORDERINGS as LOG_ORDERINGS
from repertoire.selectors.practice_sessions import STATUSES as SESSION_STATUSES
from repertoire.selectors.repertoire import ORDERINGS, REPERTOIRE_STATUSES
from repertoire.sessions import SESSION_TYPES

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


class AnnotationListParams(ParamsSerializer):
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


class _RangePageParams(LocalRangeParams, PageParams):
    """`tz`, `from`/`to` (local days or instants) and `limit`/`offset` together."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return PageParams.validate(self, LocalRangeParams.validate(self, attrs))


class LogListParams(_RangePageParams):
    type = Choice(LOGBOOK_TYPES, required=False)
    activityType = Choice(ACTIVITY_TYPES, source="activity_type", required=False)
    instrument = Text(required=False, allow_blank=True, max_length=100)
    piece = Text(
        required=False,
        allow_blank=True,
        max_length=255,
        help_text="A piece id: a catalogue id, or title-composer (normalised).",
    )
    sessionId = Text(source="session_id", required=False, allow_blank=True, max_length=255)
    minRating = serializers.IntegerField(
        source="min_rating", required=False, min_value=MIN_RATING, max_value=MAX_RATING
    )
    maxRating = serializers.IntegerField(
        source="max_rating", required=False, min_value=MIN_RATING, max_value=MAX_RATING
    )
    ordering = Choice(
        LOG_ORDERINGS, default="-timestamp", help_text="Default -timestamp (newest first)."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        low, high = attrs.get("min_rating"), attrs.get("max_rating")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError({"maxRating": ["Must be at least minRating."]})
        if attrs.get("instrument"):
            attrs["instrument"] = attrs["instrument"].strip().lower()
        return attrs


class SessionListParams(_RangePageParams):
    sessionType = Choice(SESSION_TYPES, source="session_type", required=False)
    instrument = Text(required=False, allow_blank=True, max_length=100)
    status = Choice(SESSION_STATUSES, required=False, help_text="active or ended.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if attrs.get("instrument"):
            attrs["instrument"] = attrs["instrument"].strip().lower()
        return attrs
