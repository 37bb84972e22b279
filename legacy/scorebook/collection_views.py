"""The original scores service's collection and favourite routes (K3-K5, K7-K14, K16-K18,
K25, K26) on the scores app's selectors and services. Collections come back as arrays (the
original had no pages); the batches loop over our one-item services after checking every
id, so a batch changes nothing when any id is refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from legacy.scorebook import shapes
from legacy.wire import LegacyView, PublicLegacyView, SnakeCaseFields, ok
from mirubato.api.errors import ApiError
from mirubato.api.inputs import validated
from scores.api.inputs import (
    FavoriteCheckInputSerializer,
    FeaturedParam,
    MemberAddInputSerializer,
    UserCollectionInputSerializer,
)
from scores.selectors import (
    collections_containing,
    curated_detail,
    curated_page,
    favorite_get,
    favorites_check,
    score_is_visible,
    user_collection_detail,
    user_collection_owned,
    user_collection_readable,
    user_collections_page,
    viewer_id,
)
from scores.services import (
    collection_create,
    collection_default_ensure,
    collection_delete,
    collection_score_add,
    collection_score_remove,
    collection_update,
    favorite_add,
    favorite_remove,
)

CHUNK = 100  # our pages' largest; the original answered whole lists


def _all(fetch: Callable[..., tuple[list[Any], int]]) -> list[Any]:
    """Every item of a paged selector, page by page."""
    items, total = fetch(limit=CHUNK, offset=0)
    while len(items) < total:
        more, total = fetch(limit=CHUNK, offset=len(items))
        if not more:
            break
        items += more
    return items


def _mine(item: dict[str, Any], request: Request) -> dict[str, Any]:
    return shapes.user_collection(item, viewer=viewer_id(request.user))


def _ids(request: Request) -> list[str]:
    body = validated(FavoriteCheckInputSerializer, shapes.score_ids(request.data))
    return list(dict.fromkeys(body["score_ids"]))


# --- curated (staff) collections --------------------------------------------------------------


class CollectionListView(SnakeCaseFields, PublicLegacyView):
    """K3/K4 `GET /api/collections[?featured=true]`: an array of every curated collection."""

    def get(self, request: Request) -> Response:
        featured = validated(FeaturedParam, request.query_params)["featured"]
        items = _all(lambda **page: curated_page(featured=featured, user=request.user, **page))
        return Response(ok([shapes.curated_collection(item) for item in items]))


class CollectionDetailView(SnakeCaseFields, PublicLegacyView):
    """K5 `GET /api/collections/:slug`, with its visible scores."""

    def get(self, request: Request, slug: str) -> Response:
        return Response(ok(shapes.curated_collection(curated_detail(slug=slug, user=request.user))))


class SharedWithMeView(SnakeCaseFields, PublicLegacyView):
    """K16 `GET /api/collections/shared/with-me`: nothing is shared in this backend, so the
    list is empty for everyone (a 401 here would sign the client out for no gain)."""

    def get(self, request: Request) -> Response:
        return Response(ok([]))


# --- the caller's collections -----------------------------------------------------------------


class UserCollectionListView(SnakeCaseFields, LegacyView):
    """K7 `GET` (an array, the default "General" first; created on first use) and K9 `POST`."""

    def get(self, request: Request) -> Response:
        collection_default_ensure(user_id=viewer_id(request.user))
        items = _all(lambda **page: user_collections_page(user=request.user, **page))
        return Response(ok([_mine(item, request) for item in items]))

    def post(self, request: Request) -> Response:
        fields = validated(
            UserCollectionInputSerializer, shapes.collection_fields(request.data), creating=True
        )
        collection = collection_create(user=request.user, fields=dict(fields))
        detail = user_collection_detail(collection=collection, user=request.user)
        return Response(ok(_mine(detail, request)), status=201)


class UserCollectionDetailView(SnakeCaseFields, PublicLegacyView):
    """K8 `GET` (the owner's, or anyone's public or unlisted one, as ours), K10 `PUT` (our
    PATCH: what it sends), K11 `DELETE` (the default one cannot be deleted: 409)."""

    def get_permissions(self):
        # A read like every public one (a bad token is anonymous); writes need a user (401).
        return super().get_permissions() if self.request.method == "GET" else [IsAuthenticated()]

    def get(self, request: Request, collection_id: str) -> Response:
        collection = user_collection_readable(collection_id=collection_id, user=request.user)
        detail = user_collection_detail(collection=collection, user=request.user)
        return Response(ok(_mine(detail, request)))

    def put(self, request: Request, collection_id: str) -> Response:
        fields = validated(UserCollectionInputSerializer, shapes.collection_fields(request.data))
        collection = collection_update(
            user=request.user, collection_id=collection_id, fields=dict(fields)
        )
        detail = user_collection_detail(collection=collection, user=request.user)
        return Response(ok(_mine(detail, request)))

    def delete(self, request: Request, collection_id: str) -> Response:
        collection_delete(user=request.user, collection_id=collection_id)
        return Response(ok(None, message="Collection deleted successfully"))


class CollectionScoresView(SnakeCaseFields, LegacyView):
    """K12 `POST /api/user/collections/:id/scores {scoreId}`. Already there is a success (the
    client only wants the score in the collection)."""

    def post(self, request: Request, collection_id: str) -> Response:
        member = validated(MemberAddInputSerializer, shapes.member(request.data))
        try:
            collection_score_add(user=request.user, collection_id=collection_id, **member)
        except ApiError as exc:
            if exc.status_code != 409:
                raise
        return Response(ok(None, message="Score added to collection"))


class CollectionScoreView(SnakeCaseFields, LegacyView):
    """K13 `DELETE /api/user/collections/:id/scores/:scoreId` (idempotent, as ours)."""

    def delete(self, request: Request, collection_id: str, score_id: str) -> Response:
        collection_score_remove(user=request.user, collection_id=collection_id, score_id=score_id)
        return Response(ok(None, message="Score removed from collection"))


class CollectionBatchAddView(SnakeCaseFields, LegacyView):
    """K14 `POST /api/user/collections/:id/scores/batch {scoreIds}` (at most 100): 404 and
    nothing added when the collection is not the caller's or any score is one they may not
    open; scores already there are skipped. Answers `addedCount`/`skippedCount` at the top."""

    def post(self, request: Request, collection_id: str) -> Response:
        collection = user_collection_owned(collection_id=collection_id, user=request.user)
        members = [validated(MemberAddInputSerializer, {"score_id": i}) for i in _ids(request)]
        ids = [member["score_id"] for member in members]
        hidden = [i for i in ids if not score_is_visible(score_id=i, user=request.user)]
        if hidden:
            message = f"Some scores not found or access denied: {', '.join(hidden[:5])}"
            raise ApiError(404, "score_not_found", message)
        added = _add_each(request, collection.id, members)
        counts = {"addedCount": added, "skippedCount": len(members) - added}
        return Response(ok(counts, message=f"Added {added} scores to collection", **counts))


def _add_each(request: Request, collection_id: str, members: list[dict[str, Any]]) -> int:
    added = 0
    for member in members:
        try:
            collection_score_add(user=request.user, collection_id=collection_id, **member)
            added += 1
        except ApiError as exc:
            if exc.status_code != 409:  # 409: already in the collection, skipped
                raise
    return added


class ScoreCollectionsView(SnakeCaseFields, LegacyView):
    """K17 `GET /api/user/collections/score/:scoreId`: ids of the caller's collections that
    hold the score."""

    def get(self, request: Request, score_id: str) -> Response:
        collections = collections_containing(score_id=score_id, user=request.user)
        return Response(ok([c.id for c in collections]))


class BatchScoreCollectionsView(SnakeCaseFields, LegacyView):
    """K18 `POST /api/user/collections/batch/score-collections {scoreIds}` (at most 100):
    `{scoreId: [{id, name}]}` with every id asked; a score the caller may not open holds
    none of their collections as far as they can tell (`[]`)."""

    def post(self, request: Request) -> Response:
        result = {score_id: _containing(request, score_id) for score_id in _ids(request)}
        return Response(ok(result))


def _containing(request: Request, score_id: str) -> list[dict[str, str]]:
    try:
        collections = collections_containing(score_id=score_id, user=request.user)
    except ApiError as exc:
        if exc.status_code != 404:
            raise
        return []
    return shapes.score_collections(collections)


# --- favourites -------------------------------------------------------------------------------


class FavoriteBatchCheckView(SnakeCaseFields, LegacyView):
    """K25 `POST /api/user/favorites/batch/check {scoreIds}` (at most 100): `{scoreId: bool}`."""

    def post(self, request: Request) -> Response:
        states = favorites_check(user=request.user, score_ids=_ids(request))
        return Response(ok({s["score_id"]: s["favorited"] for s in states}))


class FavoriteToggleView(SnakeCaseFields, LegacyView):
    """K26 `POST /api/user/favorites/:scoreId/toggle`: our state, then PUT or DELETE."""

    def post(self, request: Request, score_id: str) -> Response:
        if favorite_get(user=request.user, score_id=score_id)["favorited"]:
            favorite_remove(user=request.user, score_id=score_id)
            return Response(ok({"isFavorited": False}))
        favorite_add(user=request.user, score_id=score_id)
        return Response(ok({"isFavorited": True}))
