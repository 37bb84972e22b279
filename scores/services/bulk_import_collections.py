"""Collections and favourites moving in from another deployment (`manage.py
import_mirubato`), in batches: one transaction per batch, an outcome per record.

Members arrive as our score ids, in order, already checked by the caller against the
visibility rule (a user collects only scores they may open). `collection_members` stays the
one record of membership; `score_ids` is refreshed from it, only when members changed.

- Curated collections are keyed by slug. One already here keeps the curation staff did.
- A user's collection is keyed by (user, slug); its members by (collection, score), missing
  ones joining at the end (so the original "General" default meets ours, slug `general`,
  and adds its scores to it).
- Favourites are keyed by (user, score), within `SCORES_FAVORITES_MAX`.

Outcomes are (status, detail): created, updated, unchanged or kept (curated here, so it
stays), each with our id as the detail; or failed, with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mirubato.ids import new_id
from scores.models import DB, Collection, CollectionMember, ScoreFavorite, UserCollection
from scores.services.collections import refresh_curated, refresh_personal

Outcome = tuple[str, str]
ID_LENGTH = 40


@dataclass(frozen=True)
class CuratedRecord:
    slug: str
    name: str
    score_ids: tuple[str, ...] = ()
    description: str = ""
    instrument: str = ""
    difficulty: str = ""
    display_order: int = 0
    is_featured: bool = False

    def values(self) -> dict[str, Any]:
        names = ("name", "description", "instrument", "difficulty", "display_order")
        return {name: getattr(self, name) for name in (*names, "is_featured")}


def _members(score_ids: Sequence[str], **owner: Any) -> list[CollectionMember]:
    now = timezone.now()
    return [
        CollectionMember(score_id=score_id, display_order=position, added_at=now, **owner)
        for position, score_id in enumerate(dict.fromkeys(score_ids))
    ]


def _curated_one(record: CuratedRecord, *, dry_run: bool) -> Outcome:
    collection = Collection.objects.filter(slug=record.slug).first()
    if collection is not None:
        same = collection.score_ids == list(dict.fromkeys(record.score_ids)) and all(
            getattr(collection, name) == value for name, value in record.values().items()
        )
        return ("unchanged" if same else "kept"), collection.pk
    if dry_run:
        return "created", record.slug
    collection = Collection.objects.create(slug=record.slug, **record.values())
    CollectionMember.objects.bulk_create(_members(record.score_ids, collection=collection))
    refresh_curated(collection.pk)
    return "created", collection.pk


def curated_import(*, records: Sequence[CuratedRecord], dry_run: bool = False) -> list[Outcome]:
    with transaction.atomic(using=DB):
        return [_curated_one(record, dry_run=dry_run) for record in records]


@dataclass(frozen=True)
class UserCollectionRecord:
    user_id: str
    slug: str
    name: str
    created_at: datetime
    ids: tuple[str, ...] = ()
    description: str = ""
    visibility: str = "private"
    is_default: bool = False
    tags: list[str] = field(default_factory=list)
    display_order: int = 0


def _collection_id(candidates: Sequence[str]) -> str:
    fitting = [c for c in candidates if 0 < len(c) <= ID_LENGTH and c.isprintable()]
    taken = set(UserCollection.objects.filter(pk__in=fitting).values_list("pk", flat=True))
    return next((c for c in fitting if c not in taken), new_id())


def _collection_create(record: UserCollectionRecord, *, dry_run: bool) -> Outcome:
    has_default = UserCollection.objects.filter(user_id=record.user_id, is_default=True)
    collection = UserCollection(
        id=_collection_id(record.ids),
        user_id=record.user_id,
        slug=record.slug,
        name=record.name,
        description=record.description,
        visibility=record.visibility,
        # One default per user: an imported default meets ours when there is one.
        is_default=record.is_default and not has_default.exists(),
        tags=record.tags,
        display_order=record.display_order,
        created_at=record.created_at,
    )
    if not dry_run:
        collection.save(force_insert=True)
    return "created", collection.pk


def _user_collection_one(record: UserCollectionRecord, *, dry_run: bool) -> Outcome:
    collection = UserCollection.objects.filter(user_id=record.user_id, slug=record.slug).first()
    if collection is None:
        return _collection_create(record, dry_run=dry_run)
    return "unchanged", collection.pk


def user_collections_import(
    *, records: Sequence[UserCollectionRecord], dry_run: bool = False
) -> list[Outcome]:
    """Users' collections by (user, slug): created when missing (their members follow with
    `members_import`); one already here keeps its name and settings."""
    with transaction.atomic(using=DB):
        return [_user_collection_one(record, dry_run=dry_run) for record in records]


@dataclass(frozen=True)
class MemberRecord:
    collection_id: str  # ours, a user's collection
    score_id: str  # ours


def _member_one(record: MemberRecord, orders: dict[str, list[str]], *, dry_run: bool) -> Outcome:
    if record.collection_id not in orders:
        if not dry_run:
            return "failed", f"collection {record.collection_id} is not here"
        orders[record.collection_id] = []  # a dry run's new collection
    order = orders[record.collection_id]
    if record.score_id in order:
        return "unchanged", record.collection_id
    if not dry_run:
        CollectionMember.objects.create(
            user_collection_id=record.collection_id,
            score_id=record.score_id,
            display_order=len(order),
        )
    order.append(record.score_id)
    return "created", record.collection_id


def members_import(*, records: Sequence[MemberRecord], dry_run: bool = False) -> list[Outcome]:
    """Scores joining users' collections, in the records' order after the members already
    there; one already a member is unchanged. `score_ids` is refreshed where members came."""
    with transaction.atomic(using=DB):
        wanted = {r.collection_id for r in records}
        orders: dict[str, list[str]] = {
            pk: []
            for pk in UserCollection.objects.filter(pk__in=wanted).values_list("pk", flat=True)
        }
        rows = CollectionMember.objects.filter(user_collection_id__in=list(orders))
        for collection_id, score_id in rows.order_by("display_order", "added_at", "id").values_list(
            "user_collection_id", "score_id"
        ):
            orders[collection_id].append(score_id)
        outcomes = [_member_one(record, orders, dry_run=dry_run) for record in records]
        if not dry_run:
            changed = {
                r.collection_id
                for r, (s, _) in zip(records, outcomes, strict=True)
                if s == "created"
            }
            for collection_id in changed:
                refresh_personal(collection_id)
    return outcomes


@dataclass(frozen=True)
class FavoriteRecord:
    user_id: str
    score_id: str  # ours
    created_at: datetime


def _favorite_one(record: FavoriteRecord, counts: dict[str, int], *, dry_run: bool) -> Outcome:
    mine = ScoreFavorite.objects.filter(user_id=record.user_id)
    existing = mine.filter(score_id=record.score_id).first()
    if existing is not None:
        return "unchanged", existing.pk
    if record.user_id not in counts:
        counts[record.user_id] = mine.count()
    if counts[record.user_id] >= settings.SCORES_FAVORITES_MAX:
        limit = settings.SCORES_FAVORITES_MAX
        return "failed", f"the user already keeps the most favourites allowed ({limit})"
    counts[record.user_id] += 1
    favorite = ScoreFavorite(
        user_id=record.user_id, score_id=record.score_id, created_at=record.created_at
    )
    if not dry_run:
        favorite.save(force_insert=True)
    return "created", favorite.pk


def favorites_import(*, records: Sequence[FavoriteRecord], dry_run: bool = False) -> list[Outcome]:
    with transaction.atomic(using=DB):
        counts: dict[str, int] = {}
        return [_favorite_one(record, counts, dry_run=dry_run) for record in records]
