"""Writes to user collections. Membership and order live only in `collection_members`; every
change renumbers positions 0..n-1 and rewrites the derived `score_ids` (scores.membership)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from mirubato.api.errors import ApiError
from scores import membership
from scores.collection_selectors import user_collection_owned
from scores.models import CollectionMember, UserCollection
from scores.selectors import score_is_visible
from scores.text import slugify
from scores.visibility import viewer_id

DB = "scores"
DEFAULT_NAME = "General"
DEFAULT_SLUG = "general"


def collection_default_ensure(*, user_id: str) -> UserCollection:
    """The user's default collection, created on first use (safe when two requests race:
    the database allows one default per user)."""
    existing = UserCollection.objects.filter(user_id=user_id, is_default=True).first()
    if existing:
        return existing
    try:
        with transaction.atomic(using=DB):
            return UserCollection.objects.create(
                user_id=user_id,
                name=DEFAULT_NAME,
                slug=DEFAULT_SLUG,
                is_default=True,
                description="Your default collection",
            )
    except IntegrityError:
        return UserCollection.objects.get(user_id=user_id, is_default=True)


def _slug_for(user_id: str, name: str, *, exclude: str = "") -> str:
    slug = slugify(name) or "collection"
    clash = UserCollection.objects.filter(user_id=user_id, slug=slug).exclude(pk=exclude)
    if clash.exists():
        raise ApiError(
            409,
            "duplicate_collection",
            "You already have a collection with this name.",
            {"name": ["Choose another name."]},
        )
    return slug


def collection_create(*, user: Any, fields: dict[str, Any]) -> UserCollection:
    uid = viewer_id(user)
    collection_default_ensure(user_id=uid)
    try:
        with transaction.atomic(using=DB):
            return UserCollection.objects.create(
                user_id=uid, slug=_slug_for(uid, fields["name"]), **fields
            )
    except IntegrityError:  # a concurrent create took the slug between check and insert
        raise ApiError(
            409, "duplicate_collection", "You already have a collection with this name."
        ) from None


def collection_update(*, user: Any, collection_id: str, fields: dict[str, Any]) -> UserCollection:
    with transaction.atomic(using=DB):
        collection = user_collection_owned(collection_id=collection_id, user=user)
        if "name" in fields:
            collection.slug = _slug_for(collection.user_id, fields["name"], exclude=collection.pk)
            if collection.is_default:
                collection.slug = DEFAULT_SLUG  # the default keeps its well-known slug
        for name, value in fields.items():
            setattr(collection, name, value)
        collection.save()
    return collection


def collection_delete(*, user: Any, collection_id: str) -> None:
    with transaction.atomic(using=DB):
        collection = user_collection_owned(collection_id=collection_id, user=user)
        if collection.is_default:
            raise ApiError(409, "default_collection", "The default collection cannot be deleted.")
        collection.delete()


def _renumber(collection: UserCollection, ordered_score_ids: list[str]) -> None:
    members = {m.score_id: m for m in collection.members.all()}
    for position, score_id in enumerate(ordered_score_ids):
        members[score_id].display_order = position
    CollectionMember.objects.bulk_update(list(members.values()), ["display_order"])
    membership.refresh_personal(collection.pk)


def _current_order(collection: UserCollection) -> list[str]:
    members = collection.members.order_by("display_order", "added_at", "id")
    return list(members.values_list("score_id", flat=True))


def collection_score_add(
    *, user: Any, collection_id: str, score_id: str, position: int | None = None
) -> UserCollection:
    """Adds a score the caller may open (their own, public or unlisted) at `position`
    (0-based; default: the end)."""
    if not score_is_visible(score_id=score_id, user=user):
        raise ApiError(
            404, "score_not_found", "No score with this id.", {"score_id": ["Not found."]}
        )
    with transaction.atomic(using=DB):
        collection = user_collection_owned(collection_id=collection_id, user=user)
        UserCollection.objects.select_for_update().filter(pk=collection.pk).first()
        order = _current_order(collection)
        if score_id in order:
            raise ApiError(409, "already_in_collection", "This score is already in the collection.")
        try:
            with transaction.atomic(using=DB):
                CollectionMember.objects.create(user_collection=collection, score_id=score_id)
        except IntegrityError:  # the same score added twice at once
            raise ApiError(
                409, "already_in_collection", "This score is already in the collection."
            ) from None
        at = len(order) if position is None else min(position, len(order))
        order.insert(at, score_id)
        _renumber(collection, order)
    return collection


def collection_score_remove(*, user: Any, collection_id: str, score_id: str) -> None:
    """Removing a score that is not there is a no-op (offline clients retry)."""
    with transaction.atomic(using=DB):
        collection = user_collection_owned(collection_id=collection_id, user=user)
        UserCollection.objects.select_for_update().filter(pk=collection.pk).first()
        collection.members.filter(score_id=score_id).delete()
        _renumber(collection, _current_order(collection))


def collection_reorder(*, user: Any, collection_id: str, score_ids: list[str]) -> UserCollection:
    """Sets the order; `score_ids` must name every member exactly once."""
    with transaction.atomic(using=DB):
        collection = user_collection_owned(collection_id=collection_id, user=user)
        UserCollection.objects.select_for_update().filter(pk=collection.pk).first()
        current = _current_order(collection)
        if sorted(current) != sorted(score_ids) or len(set(score_ids)) != len(score_ids):
            raise ApiError(
                400,
                "invalid_order",
                "scoreIds must list every score of the collection once.",
                {"score_ids": ["Must be a permutation of the collection's scores."]},
            )
        _renumber(collection, score_ids)
    return collection
