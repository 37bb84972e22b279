"""Writes of the progress feature: recording achievements as they are earned."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from progress.achievements import Earned, Facts, Outcome, evaluate
from progress.models import UserAchievement

if TYPE_CHECKING:
    from accounts.models import User


def _earned(outcomes: dict[str, Outcome]) -> dict[str, Earned]:
    return {code: o.earned for code, o in outcomes.items() if o.earned is not None}


def achievements_award(
    *, user: User, facts: Facts
) -> tuple[dict[str, Outcome], dict[str, UserAchievement]]:
    """Awards every achievement the logbook and repertoire now earn, once per user and code.

    An award keeps the practice time of the entry that earned it; when an entry synced late
    earned it earlier, the date moves back to that entry. Awards are never taken back. Safe
    under concurrent requests: the unique (user, code) row is inserted with ignore_conflicts
    and a date only moves earlier with a conditional update. Writes nothing when nothing
    changed, so a read of progress does not take the write lock."""
    outcomes = evaluate(facts)
    stored = {a.code: a for a in UserAchievement.objects.filter(user_id=user.pk)}
    new = [
        UserAchievement(user_id=user.pk, code=code, earned_at=e.at, entry_id=e.entry_id)
        for code, e in _earned(outcomes).items()
        if code not in stored
    ]
    earlier = {
        code: e
        for code, e in _earned(outcomes).items()
        if code in stored and e.at < stored[code].earned_at
    }
    if not new and not earlier:
        return outcomes, stored
    with transaction.atomic(using="default"):
        UserAchievement.objects.bulk_create(new, ignore_conflicts=True)
        for code, earned in earlier.items():
            UserAchievement.objects.filter(
                user_id=user.pk, code=code, earned_at__gt=earned.at
            ).update(earned_at=earned.at, entry_id=earned.entry_id)
    return outcomes, {a.code: a for a in UserAchievement.objects.filter(user_id=user.pk)}
