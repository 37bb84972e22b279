"""Progress endpoints: overview, per instrument, statistics, achievements, per-piece progress.
Thin: parse the parameters, read the facts once, award achievements, render."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.errors import ApiError
from mirubato.api.pagination import page_body, page_params
from repertoire.api.params import TZ_PARAM, zone_param
from repertoire.progress import selectors
from repertoire.progress.achievements import Facts
from repertoire.progress.api import serializers as out
from repertoire.progress.api.params import instrument_clean
from repertoire.progress.pieces import piece_progress, pieces_progress
from repertoire.progress.services import achievements_award
from scores.score_ids import is_catalogue_id
from scores.selectors import score_is_visible

TAGS = ["progress"]
UTC = ZoneInfo("UTC")


class _ProgressView(APIView):
    def facts(self, request: Request) -> Facts:
        return selectors.progress_facts(user=request.user, zone=zone_param(request))

    def achievements(self, request: Request, facts: Facts) -> list[dict]:
        outcomes, awards = achievements_award(user=request.user, facts=facts)
        return selectors.achievement_rows(outcomes, awards)


class OverviewView(_ProgressView):
    @extend_schema(
        operation_id="progress_overview",
        parameters=[TZ_PARAM],
        responses=out.OverviewSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        facts = self.facts(request)
        achievements = self.achievements(request, facts)
        return Response(selectors.progress_overview(facts=facts, achievements=achievements))


class InstrumentView(_ProgressView):
    @extend_schema(
        operation_id="progress_instrument",
        parameters=[TZ_PARAM],
        responses=out.InstrumentProgressSerializer,
        tags=TAGS,
    )
    def get(self, request: Request, instrument: str) -> Response:
        instrument = instrument_clean(instrument)
        facts = self.facts(request)
        return Response(selectors.progress_instrument(facts=facts, instrument=instrument))


class StatisticsView(_ProgressView):
    @extend_schema(
        operation_id="progress_statistics",
        parameters=[TZ_PARAM],
        responses=out.StatisticsSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.progress_statistics(facts=self.facts(request)))


class AchievementsView(_ProgressView):
    @extend_schema(
        operation_id="progress_achievements",
        parameters=[TZ_PARAM],
        responses=out.AchievementListSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        facts = self.facts(request)
        rows = self.achievements(request, facts)
        earned = sum(row["earned"] for row in rows)
        body = {"time_zone": facts.zone.key, "today": facts.today, "earned": earned}
        return Response(body | {"total": len(rows), "items": rows})


class PieceListView(_ProgressView):
    @extend_schema(
        operation_id="progress_pieces",
        parameters=[
            OpenApiParameter("limit", int, description="Items per page (default 20, max 100)."),
            OpenApiParameter("offset", int, description="How many items to skip."),
        ],
        responses=out.PieceProgressPageSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        limit, offset = page_params(request)
        facts = selectors.progress_facts(user=request.user, zone=UTC)  # no calendar days here
        rows = pieces_progress(facts.practices, selectors.repertoire_statuses(facts))
        page = selectors.with_catalogue_names(user=request.user, rows=rows[offset : offset + limit])
        return Response(page_body(page, total=len(rows), limit=limit, offset=offset))


class PieceView(_ProgressView):
    @extend_schema(
        operation_id="progress_piece",
        responses=out.PieceProgressSerializer,
        tags=TAGS,
    )
    def get(self, request: Request, score_id: str) -> Response:
        facts = self.facts(request)
        statuses = selectors.repertoire_statuses(facts)
        row = piece_progress(facts.practices, statuses, score_id=score_id)
        practised = row["times_practiced"] > 0
        if not is_catalogue_id(score_id) or not (
            practised or score_is_visible(score_id=score_id, user=request.user)
        ):
            raise ApiError(404, "score_not_found", "No catalogue score with this id.")
        return Response(selectors.with_catalogue_names(user=request.user, rows=[row])[0])
