from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.inputs import validated
from mirubato.api.pagination import page_body, page_of
from mirubato.api.schema import ErrorSerializer
from repertoire.api.params import RepertoireListParams
from repertoire.api.serializers.repertoire import (
    DissociateOutputSerializer,
    PieceRenameInputSerializer,
    PieceRenameOutputSerializer,
    RepertoireCreateInputSerializer,
    RepertoireItemOutputSerializer,
    RepertoireStatsOutputSerializer,
    RepertoireUpdateInputSerializer,
)
from repertoire.models import UserRepertoire
from repertoire.selectors.repertoire import (
    repertoire_detail,
    repertoire_page,
    repertoire_stats,
)
from repertoire.services.pieces import PieceName, pieces_rename, repertoire_dissociate
from repertoire.services.repertoire import repertoire_add, repertoire_remove, repertoire_update

TAGS = ["repertoire"]
STATUSES = tuple(UserRepertoire.Status.values)


class RepertoireListView(APIView):
    @extend_schema(
        operation_id="repertoire_list",
        tags=TAGS,
        responses=page_of(RepertoireItemOutputSerializer),
        parameters=[RepertoireListParams],
    )
    def get(self, request):
        params = validated(RepertoireListParams, request.query_params)
        limit, offset = params["limit"], params["offset"]
        items, total = repertoire_page(
            user=request.user,
            status=params.get("status", ""),
            order_by=params["order_by"],
            limit=limit,
            offset=offset,
        )
        data = RepertoireItemOutputSerializer(items, many=True).data
        return Response(page_body(data, total=total, limit=limit, offset=offset))

    @extend_schema(
        operation_id="repertoire_add",
        tags=TAGS,
        request=RepertoireCreateInputSerializer,
        responses={201: RepertoireItemOutputSerializer, 409: ErrorSerializer},
    )
    def post(self, request):
        fields = validated(RepertoireCreateInputSerializer, request.data)
        item = repertoire_add(user=request.user, **fields)
        body = repertoire_detail(user=request.user, score_id=item.score_id)
        return Response(RepertoireItemOutputSerializer(body).data, status=status.HTTP_201_CREATED)


class RepertoireItemView(APIView):
    @extend_schema(
        operation_id="repertoire_get", tags=TAGS, responses=RepertoireItemOutputSerializer
    )
    def get(self, request, score_id: str):
        body = repertoire_detail(user=request.user, score_id=score_id)
        return Response(RepertoireItemOutputSerializer(body).data)

    @extend_schema(
        operation_id="repertoire_update",
        tags=TAGS,
        request=RepertoireUpdateInputSerializer,
        responses=RepertoireItemOutputSerializer,
    )
    def patch(self, request, score_id: str):
        changes = validated(RepertoireUpdateInputSerializer, request.data)
        item = repertoire_update(user=request.user, score_id=score_id, **changes)
        body = repertoire_detail(user=request.user, score_id=item.score_id)
        return Response(RepertoireItemOutputSerializer(body).data)

    @extend_schema(operation_id="repertoire_remove", tags=TAGS, responses={204: None})
    def delete(self, request, score_id: str):
        repertoire_remove(user=request.user, score_id=score_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RepertoireStatsView(APIView):
    @extend_schema(
        operation_id="repertoire_stats", tags=TAGS, responses=RepertoireStatsOutputSerializer
    )
    def get(self, request, score_id: str):
        body = repertoire_stats(user=request.user, score_id=score_id)
        return Response(RepertoireStatsOutputSerializer(body).data)


class RepertoireDissociateView(APIView):
    @extend_schema(
        operation_id="repertoire_dissociate",
        tags=TAGS,
        request=None,
        responses=DissociateOutputSerializer,
    )
    def post(self, request, score_id: str):
        body = repertoire_dissociate(user=request.user, score_id=score_id)
        return Response(DissociateOutputSerializer(body).data)


class PieceRenameView(APIView):
    @extend_schema(
        operation_id="pieces_rename",
        tags=TAGS,
        request=PieceRenameInputSerializer,
        responses=PieceRenameOutputSerializer,
    )
    def put(self, request):
        fields = validated(PieceRenameInputSerializer, request.data)
        old, new = (
            PieceName(f["title"], f.get("composer") or None)
            for f in (fields["old_piece"], fields["new_piece"])
        )
        changed, moved = pieces_rename(user=request.user, old=old, new=new)
        body = {"updated_count": changed, "repertoire_updated": moved}
        return Response(PieceRenameOutputSerializer(body).data)
