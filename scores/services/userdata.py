"""The scorebook's parts of "everything about a user" (registered in `scores.apps`): their
uploads' metadata and their collections (part `scores`), and their favourites (part
`favorites`); export of both, and erasure including the stored files."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.db import transaction

from accounts.services import ExportSections, UserDataPart
from scores.models import (
    DB,
    DESCRIPTIVE_FIELDS,
    STATE_FIELDS,
    CollectionMember,
    Score,
    ScoreAnalytics,
    ScoreFavorite,
    ScorePage,
    ScoreVersion,
    UserCollection,
)
from scores.services.collections import affected_by_scores, refresh
from scores.services.uploads import delete_keys_on_commit, file_keys

if TYPE_CHECKING:
    from accounts.models import User

SCORE_FIELDS = (
    "id",
    *DESCRIPTIVE_FIELDS,
    "source",
    "description",
    "metadata",
    *STATE_FIELDS,
    "created_at",
    "updated_at",
)


def _scores(user: User) -> Iterator[dict[str, Any]]:
    yield from (
        Score.objects.filter(user_id=str(user.pk))
        .order_by("created_at")
        .values(*SCORE_FIELDS)
        .iterator()
    )


def _collections(user: User) -> Iterator[dict[str, Any]]:
    collections = UserCollection.objects.filter(user_id=str(user.pk)).order_by("created_at")
    for collection in collections.iterator():
        members = collection.members.order_by("display_order", "added_at")
        yield {
            "id": collection.id,
            "name": collection.name,
            "slug": collection.slug,
            "description": collection.description,
            "visibility": collection.visibility,
            "is_default": collection.is_default,
            "tags": collection.tags,
            "created_at": collection.created_at,
            "updated_at": collection.updated_at,
            "members": [
                {"score_id": m.score_id, "position": m.display_order, "added_at": m.added_at}
                for m in members
            ],
        }


def scores_export(user: User) -> ExportSections:
    yield "scores", _scores(user)
    yield "score_collections", _collections(user)


def scores_erase(user: User) -> dict[str, int]:
    """Deletes the user's scores (versions, pages, memberships, analytics and files) and their
    collections; other users' collections that held those scores get their score_ids rewritten."""
    uid = str(user.pk)
    with transaction.atomic(using=DB):
        score_ids = list(Score.objects.filter(user_id=uid).values_list("id", flat=True))
        affected = affected_by_scores(score_ids)
        own_collections = UserCollection.objects.filter(user_id=uid)
        affected.personal -= set(own_collections.values_list("id", flat=True))
        keys = file_keys(score_ids)
        counts = {
            "score_versions": ScoreVersion.objects.filter(score_id__in=score_ids).count(),
            "score_pages": ScorePage.objects.filter(score_id__in=score_ids).count(),
            "score_analytics": ScoreAnalytics.objects.filter(score_id__in=score_ids).count(),
            "collection_members": CollectionMember.objects.filter(
                user_collection__user_id=uid
            ).count()
            + CollectionMember.objects.filter(score_id__in=score_ids)
            .exclude(user_collection__user_id=uid)
            .count(),
        }
        counts["user_collections"] = own_collections.delete()[1].get("scores.UserCollection", 0)
        counts["scores"] = Score.objects.filter(pk__in=score_ids).delete()[1].get("scores.Score", 0)
        refresh(affected)
        delete_keys_on_commit(keys)
    counts["files"] = len(keys)
    return counts


def _favorites(user: User) -> Iterator[dict[str, Any]]:
    rows = ScoreFavorite.objects.filter(user_id=str(user.pk)).order_by("created_at", "id")
    yield from rows.values("score_id", "created_at").iterator()


def favorites_export(user: User) -> ExportSections:
    yield "score_favorites", _favorites(user)


def favorites_erase(user: User) -> dict[str, int]:
    with transaction.atomic(using=DB):
        deleted = ScoreFavorite.objects.filter(user_id=str(user.pk)).delete()[0]
    return {"score_favorites": deleted}


PARTS = (
    UserDataPart(name="scores", database=DB, export=scores_export, erase=scores_erase),
    UserDataPart(name="favorites", database=DB, export=favorites_export, erase=favorites_erase),
)
