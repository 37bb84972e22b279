"""Reads of curated and user collections; their scores always pass the visibility rule."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Q, QuerySet

from mirubato.api.errors import ApiError
from scores.choices import Visibility
from scores.models import Collection, Score, UserCollection
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


def collections_containing(*, score_id: str, user: Any) -> QuerySet[UserCollection]:
    return user_collections_of(user_id=viewer_id(user)).filter(members__score_id=score_id)
