"""Reads of curated and user collections; their scores always pass the visibility rule. The
`score_ids` shown to a viewer are the members they may see."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet

from mirubato.api.errors import ApiError
from scores.models import Collection, Score, UserCollection, Visibility
from scores.selectors.scores import score_get_visible, score_items
from scores.visibility import by_id_q, listed_q, viewer_id


def curated_list(*, featured: bool | None = None) -> QuerySet[Collection]:
    collections = Collection.objects.all()
    if featured is not None:
        collections = collections.filter(is_featured=featured)
    return collections.order_by("display_order", "name", "id")


def curated_get(*, slug: str) -> Collection:
    collection = Collection.objects.filter(slug=slug).first()
    if collection is None:
        raise ApiError(404, "collection_not_found", "No collection with this slug.")
    return collection


def _ordered(member_filter: Q, visible: Q) -> QuerySet[Score]:
    scores = Score.objects.filter(visible).filter(member_filter)
    return scores.annotate(position=F("memberships__display_order")).order_by(
        "position", "memberships__added_at", "id"
    )


def curated_scores(*, collection: Collection, user: Any) -> QuerySet[Score]:
    """A curated collection's scores that the viewer may see listed, in display order."""
    return _ordered(Q(memberships__collection=collection), listed_q(user))


def user_collections_of(*, user_id: str) -> QuerySet[UserCollection]:
    return UserCollection.objects.filter(user_id=user_id).order_by(
        "-is_default", "display_order", "-created_at", "id"
    )


def user_collection_owned(*, collection_id: str, user: Any) -> UserCollection:
    """The caller's own collection; someone else's is a 404, never a 403."""
    collection = UserCollection.objects.filter(pk=collection_id, user_id=viewer_id(user)).first()
    if collection is None or not viewer_id(user):
        raise ApiError(404, "collection_not_found", "No collection with this id.")
    return collection


def user_collection_readable(*, collection_id: str, user: Any) -> UserCollection:
    """Owners open their collections; others only public or unlisted ones (by id)."""
    collection = UserCollection.objects.filter(pk=collection_id).first()
    shared = collection is not None and collection.visibility != Visibility.PRIVATE
    if collection is None or not (shared or collection.user_id == viewer_id(user)):
        raise ApiError(404, "collection_not_found", "No collection with this id.")
    return collection


def user_collection_scores(*, collection: UserCollection, user: Any) -> QuerySet[Score]:
    """The owner sees every score they could open by id; others only listed ones."""
    owner = collection.user_id == viewer_id(user)
    visible = by_id_q(user) if owner else listed_q(user)
    return _ordered(Q(memberships__user_collection=collection), visible)


def collections_containing(*, score_id: str, user: Any) -> list[UserCollection]:
    """The caller's collections holding a score they may open (404 for any other score)."""
    score = score_get_visible(score_id=score_id, user=user)
    return list(user_collections_of(user_id=viewer_id(user)).filter(members__score_id=score.id))


def curated_item(collection: Collection, *, user: Any) -> dict[str, Any]:
    visible = list(curated_scores(collection=collection, user=user).values_list("id", flat=True))
    return {
        "id": collection.id,
        "name": collection.name,
        "slug": collection.slug,
        "description": collection.description,
        "instrument": collection.instrument,
        "difficulty": collection.difficulty,
        "display_order": collection.display_order,
        "is_featured": collection.is_featured,
        "score_ids": visible,
        "score_count": len(visible),
        "created_at": collection.created_at,
        "updated_at": collection.updated_at,
    }


def user_collection_item(collection: UserCollection, *, user: Any) -> dict[str, Any]:
    visible = list(
        user_collection_scores(collection=collection, user=user).values_list("id", flat=True)
    )
    return {
        "id": collection.id,
        "name": collection.name,
        "slug": collection.slug,
        "description": collection.description,
        "visibility": collection.visibility,
        "is_default": collection.is_default,
        "is_owner": collection.user_id == viewer_id(user),
        "collection_type": collection.collection_type,
        "tags": collection.tags,
        "display_order": collection.display_order,
        "score_ids": visible,
        "score_count": len(visible),
        "created_at": collection.created_at,
        "updated_at": collection.updated_at,
    }


def curated_page(
    *, featured: bool | None, user: Any, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of curated collections as list items, and the total."""
    collections = curated_list(featured=featured)
    items = [curated_item(c, user=user) for c in collections[offset : offset + limit]]
    return items, collections.count()


def curated_detail(*, slug: str, user: Any) -> dict[str, Any]:
    """A curated collection with the scores the viewer may see listed, in display order."""
    collection = curated_get(slug=slug)
    body = curated_item(collection, user=user)
    scores = curated_scores(collection=collection, user=user)
    body["scores"] = score_items(scores, viewer=viewer_id(user))
    return body


def user_collections_page(
    *, user: Any, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of the caller's collections as list items, and the total."""
    collections = user_collections_of(user_id=viewer_id(user))
    items = [user_collection_item(c, user=user) for c in collections[offset : offset + limit]]
    return items, collections.count()


def user_collection_detail(*, collection: UserCollection, user: Any) -> dict[str, Any]:
    """A user collection with the scores this viewer may see in it, in display order."""
    body = user_collection_item(collection, user=user)
    scores = user_collection_scores(collection=collection, user=user)
    body["scores"] = score_items(scores, viewer=viewer_id(user))
    return body
