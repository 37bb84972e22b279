from __future__ import annotations

import factory

from sync.models import SyncData
from sync.services import entity_write
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


class SyncDataFactory(factory.Factory):
    """A stored entity, written through the feed's one writer (`entity_write`: no cleaner, as
    for the server's own writes), so it has a real version and feed position. `deleted=True`
    writes it, then deletes it, leaving the tombstone a device's delete leaves."""

    class Meta:
        model = SyncData

    user = factory.SubFactory(UserFactory)
    entity_type = "goal"
    entity_id = factory.Sequence(lambda n: f"goal_{n}")
    data = factory.LazyAttribute(lambda o: {"id": o.entity_id, "title": "Play scales"})
    deleted = False

    @classmethod
    def _create(cls, model_class, *, user, entity_type, entity_id, data, deleted) -> SyncData:
        key = {"user": user, "entity_type": entity_type, "entity_id": entity_id}
        row = entity_write(**key, data=data)
        return entity_write(**key, data=None, deleted=True) if deleted else row
