"""Sync's UserDataPart: export lists a user's entities and metadata; erase removes its rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.userdata import registered_parts
from sync.models import IdempotencyKey, SyncData, SyncMetadata
from sync.services import entity_write
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default"])


@pytest.fixture
def part():
    return next(p for p in registered_parts() if p.name == "sync")


def seed(user):
    entity_write(user=user, entity_type="goal", entity_id="g1", data={"title": "Scales"})
    entity_write(user=user, entity_type="goal", entity_id="g2", data={"title": "x"})
    entity_write(user=user, entity_type="goal", entity_id="g2", data=None, deleted=True)
    IdempotencyKey.objects.create(
        user=user, key="k", request_hash="h", response={}, expires_at=timezone.now() + timedelta(1)
    )


def test_export_lists_entities_with_data_and_tombstones_and_the_metadata(user, part):
    seed(user)
    seed(UserFactory())
    sections = {name: list(rows) for name, rows in part.export(user)}
    entities = sections["sync_entities"]
    assert [(e["entity_id"], e["deleted_at"] is not None) for e in entities] == [
        ("g1", False),
        ("g2", True),
    ]
    assert entities[0]["data"] == {"title": "Scales"}
    assert [m["last_seq"] for m in sections["sync_metadata"]] == [3]


def test_erase_removes_every_sync_row_of_the_user_and_no_one_elses(user, part):
    seed(user)
    other = UserFactory()
    seed(other)
    counts = part.erase(user)
    assert counts == {"sync_data": 2, "sync_metadata": 1, "idempotency_keys": 1}
    assert not SyncData.objects.filter(user=user).exists()
    assert not SyncMetadata.objects.filter(user=user).exists()
    assert not IdempotencyKey.objects.filter(user=user).exists()
    assert SyncData.objects.filter(user=other).count() == 2
    assert IdempotencyKey.objects.filter(user=other).count() == 1
