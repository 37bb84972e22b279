"""Writes to collections. `collection_members` is the single record of membership and order;
each collection's `score_ids` column is derived from it here (`refresh`), and only here, after
every change of members: user collections' writes below, admin saves, score deletion, catalogue
import, account erasure. Every change to a user collection renumbers positions 0..n-1."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from mirubato.api.errors import ApiError
from scores.models import DB, Collection, CollectionMember, UserCollection
from scores.selectors.collections import user_collection_owned
from scores.selectors.scores import score_is_visible
from scores.text import slugify
from scores.visibility import viewer_id

DEFAULT_NAME = "General"
DEFAULT_SLUG = "general"


@dataclass
class Affected:
    """Collections whose members changed, to refresh after the change."""

    curated: set[str] = field(default_factory=set)
    personal: set[str] = field(default_factory=set)

    def add_member_rows(self, members: Iterable[CollectionMember]) -> None:
        for member in members:
            if member.collection_id:
                self.curated.add(member.collection_id)
            if member.user_collection_id:
                self.personal.add(member.user_collection_id)


def affected_by_scores(score_ids: Iterable[str]) -> Affected:
    """Collections holding any of these scores (call before deleting the scores)."""
    affected = Affected()
    rows = CollectionMember.objects.using(DB).filter(score_id__in=list(score_ids))
    affected.add_member_rows(rows.only("collection_id", "user_collection_id"))
    return affected


def _ordered_ids(**member_filter: str) -> list[str]:
    members = CollectionMember.objects.using(DB).filter(**member_filter)
    return list(
        members.order_by("display_order", "added_at", "id").values_list("score_id", flat=True)
    )


def refresh(affected: Affected) -> None:
    """Rewrite `score_ids` of the affected collections from their member rows, in order."""
    for collection_id in affected.curated:
        ids = _ordered_ids(collection_id=collection_id)
        Collection.objects.using(DB).filter(pk=collection_id).update(
            score_ids=ids, updated_at=timezone.now()
        )
    for collection_id in affected.personal:
        ids = _ordered_ids(user_collection_id=collection_id)
        UserCollection.objects.using(DB).filter(pk=collection_id).update(
            score_ids=ids, updated_at=timezone.now()
        )


def refresh_curated(collection_id: str) -> None:
    refresh(Affected(curated={collection_id}))


def refresh_personal(collection_id: str) -> None:
    refresh(Affected(personal={collection_id}))


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
    refresh_personal(collection.pk)


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
