from __future__ import annotations

import factory

from sync.feed import canonical_json, checksum_of
from sync.models import SyncData
from tests.accounts.factories import UserFactory


def logbook_data(entity_id: str, **fields) -> dict:
    """A valid logbook entry as a client sends it."""
    return {
        "id": entity_id,
        "timestamp": "2025-03-01T10:00:00Z",
        "duration": 30,
        "type": "practice",
        "instrument": "piano",
        "pieces": [{"title": "Moonlight Sonata", "composer": "Beethoven"}],
        "updatedAt": "2025-03-01T10:30:00Z",
        **fields,
    }


class SyncDataFactory(factory.django.DjangoModelFactory):
    """A stored entity written directly (tests of reads, admin and purge)."""

    class Meta:
        model = SyncData

    user = factory.SubFactory(UserFactory)
    entity_type = "goal"
    entity_id = factory.Sequence(lambda n: f"goal_{n}")
    data = factory.LazyAttribute(lambda o: {"id": o.entity_id, "title": "Play scales"})
    checksum = factory.LazyAttribute(lambda o: checksum_of(canonical_json(o.data)))
    # `seq` is left out: saving allocates the user's next feed position.
