"""Favourites' part of "everything about a user" (accounts/userdata.py), on `scores`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.db import transaction

from accounts.userdata import ExportSections, UserDataPart
from scores.favorites import ScoreFavorite

if TYPE_CHECKING:
    from accounts.models import User


def _favorites(user: User) -> Iterator[dict[str, Any]]:
    rows = ScoreFavorite.objects.filter(user_id=str(user.pk)).order_by("created_at", "id")
    yield from rows.values("score_id", "created_at").iterator()


def export(user: User) -> ExportSections:
    yield "score_favorites", _favorites(user)


def erase(user: User) -> dict[str, int]:
    with transaction.atomic(using="scores"):
        deleted = ScoreFavorite.objects.filter(user_id=str(user.pk)).delete()[0]
    return {"score_favorites": deleted}


PART = UserDataPart(name="favorites", database="scores", export=export, erase=erase)
