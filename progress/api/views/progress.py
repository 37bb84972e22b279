"""Progress endpoints: overview, per instrument, statistics, achievements, per-piece progress.
Thin: parse the parameters, read the facts once, award achievements, render."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.fields import ZoneParams
from mirubato.api.inputs import validated
from mirubato.api.pagination import PageParams, page_body, page_params
from progress import selectors
from progress.achievements import Facts
from progress.api.params import InstrumentPath
from progress.api.serializers import progress as out
from progress.services import achievements_award

TAGS = ["progress"]


class _ProgressView(APIView):
    def facts(self, request: Request) -> Facts:
        zone = validated(ZoneParams, request.query_params)["tz"]
        return selectors.progress_facts(user=request.user, zone=zone)

    def achievements(self, request: Request, facts: Facts) -> list[dict]:
        outcomes, awards = achievements_award(user=request.user, facts=facts)
        return selectors.achievement_rows(outcomes, awards)


class OverviewView(_ProgressView):
    @extend_schema(
        operation_id="progress_overview",
        parameters=[ZoneParams],
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
        parameters=[ZoneParams],
        responses=out.InstrumentProgressSerializer,
        tags=TAGS,
    )
    def get(self, request: Request, instrument: str) -> Response:
        instrument = validated(InstrumentPath, {"instrument": instrument})["instrument"]
        facts = self.facts(request)
        return Response(selectors.progress_instrument(facts=facts, instrument=instrument))


class StatisticsView(_ProgressView):
    @extend_schema(
        operation_id="progress_statistics",
        parameters=[ZoneParams],
        responses=out.StatisticsSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.progress_statistics(facts=self.facts(request)))


class AchievementsView(_ProgressView):
    @extend_schema(
        operation_id="progress_achievements",
        parameters=[ZoneParams],
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
        parameters=[PageParams],
        responses=out.PieceProgressPageSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        limit, offset = page_params(request)
        rows, total = selectors.pieces_page(user=request.user, limit=limit, offset=offset)
        return Response(page_body(rows, total=total, limit=limit, offset=offset))


class PieceView(_ProgressView):
    @extend_schema(
        operation_id="progress_piece",
        responses=out.PieceProgressSerializer,
        tags=TAGS,
    )
    def get(self, request: Request, score_id: str) -> Response:
        facts = self.facts(request)
        return Response(selectors.piece_detail(user=request.user, facts=facts, score_id=score_id))
