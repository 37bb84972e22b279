"""`collection_members` is the single record of membership and order. Each collection's
`score_ids` column is derived from it here, and only here, after every change of members."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from scores.models import Collection, CollectionMember, UserCollection

DB = "scores"


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
