"""Repertoire and pieces as the original client speaks them (the client's calls §7): the whole list,
an add that updates a piece already there (the original's upsert), edits by PUT, dissociate
by DELETE, rename at `pieces/update-name`. Checks are our repertoire serializers; writes our
repertoire services; another user's piece is a 404 like a missing one."""

from __future__ import annotations

from rest_framework import status
from rest_framework.response import Response

from legacy.main.shapes import (
    dissociate_body,
    fields_in,
    rename_body,
    repertoire_item_body,
    repertoire_stats_body,
)
from legacy.wire import LegacyView
from mirubato.api.errors import ApiError
from mirubato.api.inputs import validated
from repertoire.api.inputs import (
    PieceRenameInputSerializer,
    RepertoireCreateInputSerializer,
    RepertoireUpdateInputSerializer,
)
from repertoire.selectors import repertoire_detail, repertoire_page, repertoire_stats
from repertoire.services import (
    PieceName,
    pieces_rename,
    repertoire_add,
    repertoire_dissociate,
    repertoire_remove,
    repertoire_update,
)

FIRST_PAGE = 100
ALREADY_THERE = 409


class RepertoireListView(LegacyView):
    def get(self, request):
        """`{items: [every item]}`, newest update first: one page, and when there are more,
        all of them in a second read (each read parses the logbook once)."""
        items, total = repertoire_page(
            user=request.user, status="", order_by="updated", limit=FIRST_PAGE, offset=0
        )
        if total > len(items):
            items, _ = repertoire_page(
                user=request.user, status="", order_by="updated", limit=total, offset=0
            )
        return Response({"items": [repertoire_item_body(v) for v in items]})

    def post(self, request):
        """The original's POST was an upsert. Ours refuses a piece already there (409); then
        the fields this body gives are applied by our update, and the item is the answer."""
        fields = validated(RepertoireCreateInputSerializer, fields_in(request.data))
        try:
            item = repertoire_add(user=request.user, **fields)
        except ApiError as exc:
            if exc.status_code != ALREADY_THERE:
                raise
            score_id = fields.pop("score_id")
            item = repertoire_update(user=request.user, score_id=score_id, **fields)
        body = repertoire_item_body(repertoire_detail(user=request.user, score_id=item.score_id))
        return Response(body, status=status.HTTP_201_CREATED)


class RepertoireItemView(LegacyView):
    def put(self, request, score_id: str):
        changes = validated(RepertoireUpdateInputSerializer, fields_in(request.data))
        repertoire_update(user=request.user, score_id=score_id, **changes)
        message = "Repertoire updated successfully" if changes else "No fields to update"
        return Response({"message": message})

    def delete(self, request, score_id: str):
        repertoire_remove(user=request.user, score_id=score_id)
        return Response({"message": "Removed from repertoire"})


class RepertoireStatsView(LegacyView):
    def get(self, request, score_id: str):
        result = repertoire_stats(user=request.user, score_id=score_id)
        return Response(repertoire_stats_body(result))


class RepertoireDissociateView(LegacyView):
    def delete(self, request, score_id: str):
        return Response(
            dissociate_body(repertoire_dissociate(user=request.user, score_id=score_id))
        )


class PieceRenameView(LegacyView):
    def put(self, request):
        fields = validated(PieceRenameInputSerializer, fields_in(request.data))
        old, new = (
            PieceName(f["title"], f.get("composer") or None)
            for f in (fields["old_piece"], fields["new_piece"])
        )
        changed, moved = pieces_rename(user=request.user, old=old, new=new)
        return Response(rename_body(changed, moved))
