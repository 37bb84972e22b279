"""The progress part of "everything about a user" (registered with accounts): awards.
Everything else progress shows is computed from the logbook and the repertoire, which their
own parts export and erase."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.db import transaction

from accounts.services import ExportSections, UserDataPart
from progress.models import UserAchievement

if TYPE_CHECKING:
    from accounts.models import User


def _achievements(user: User) -> Iterator[dict[str, Any]]:
    rows = UserAchievement.objects.filter(user_id=user.pk).order_by("earned_at", "code")
    yield from rows.values("code", "earned_at", "entry_id", "awarded_at")


def export(user: User) -> ExportSections:
    yield "achievements", _achievements(user)


def erase(user: User) -> dict[str, int]:
    with transaction.atomic(using="default"):
        return {"user_achievements": UserAchievement.objects.filter(user_id=user.pk).delete()[0]}


PART = UserDataPart(name="progress", database="default", export=export, erase=erase)
