from __future__ import annotations

from datetime import datetime
from typing import Any

import factory

from repertoire.models import Goal, ScoreAnnotation, UserRepertoire
from tests.accounts.factories import UserFactory
from tests.sync.factories import SyncDataFactory


class RepertoireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserRepertoire

    user = factory.SubFactory(UserFactory)
    score_id = factory.Sequence(lambda n: f"piece {n}-composer")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Goal {n}")
    type = Goal.Type.CUSTOM


class AnnotationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoreAnnotation

    user = factory.SubFactory(UserFactory)
    score_id = "moonlight sonata-beethoven"
    page_number = 1
    annotation_type = ScoreAnnotation.Type.HIGHLIGHT
    annotation_data = factory.LazyFunction(lambda: {"x": 1, "y": 2})


def entry_data(
    *, at: datetime | int | str, minutes: float = 30, pieces: list[dict] | None = None, **extra: Any
) -> dict[str, Any]:
    """A logbook entry as a client syncs it (reference §7.1)."""
    timestamp = at.isoformat().replace("+00:00", "Z") if isinstance(at, datetime) else at
    return {
        "timestamp": timestamp,
        "duration": minutes,
        "type": "practice",
        "instrument": "piano",
        "pieces": pieces if pieces is not None else [],
        "goalIds": [],
        "mood": "satisfied",
        "notes": "",
        "metadata": {"source": "manual"},
        **extra,
    }


class LogbookEntryFactory(SyncDataFactory):
    """A logbook entry as stored (through the feed's writer, without the push's cleaner, so a
    test can store what an older client sent)."""

    entity_type = "logbook_entry"
    entity_id = factory.Sequence(lambda n: f"entry_{n}")
    data = factory.LazyFunction(lambda: entry_data(at="2025-01-06T10:00:00Z"))
