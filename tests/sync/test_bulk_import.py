"""`sync.services.entities_import`: entities moving in are checked as pushed items are and
written through the feed's one writer; a later edit here is never overwritten."""

from __future__ import annotations

import pytest

from mirubato.api.errors import ApiError
from sync.models import SyncData, SyncMetadata
from sync.services import IMPORT_DEVICE, change_check, entities_import
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default"])
ENTRY = {
    "timestamp": 1700000000000,
    "duration": 30,
    "type": "PRACTICE",
    "pieces": [{"title": "Moonlight Sonata", "composer": "Beethoven"}],
    "updatedAt": "2023-11-14T22:13:20.000Z",
}


def _change(entity_id: str = "e1", **data):
    return change_check(item={"type": "logbook_entry", "id": entity_id, "data": {**ENTRY, **data}})


def _deleted(entity_id: str = "e1", when: str = "2023-12-01T00:00:00.000Z"):
    return change_check(
        item={
            "type": "logbook_entry",
            "id": entity_id,
            "deleted": True,
            "data": {"deletedAt": when},
        }
    )


def test_an_item_is_checked_as_a_push_checks_it():
    assert _change().data["type"] == "practice"  # the logbook cleaner ran
    with pytest.raises(ApiError) as refused:
        _change(duration=-1)
    assert refused.value.details["field"] == "data.duration"


def test_imported_entities_get_versions_and_feed_positions():
    user = UserFactory()
    assert entities_import(user_id=user.pk, changes=[_change("e1"), _change("e2")]) == [
        "created",
        "created",
    ]
    rows = SyncData.objects.filter(user=user).order_by("seq")
    assert [(r.entity_id, r.version, r.seq, r.device_id) for r in rows] == [
        ("e1", 1, 1, IMPORT_DEVICE),
        ("e2", 1, 2, IMPORT_DEVICE),
    ]
    assert SyncMetadata.objects.get(user=user).last_seq == 2


def test_the_same_content_again_is_unchanged():
    user = UserFactory()
    entities_import(user_id=user.pk, changes=[_change(), _deleted("e2")])
    assert entities_import(user_id=user.pk, changes=[_change(), _deleted("e2")]) == [
        "unchanged",
        "unchanged",
    ]
    assert SyncMetadata.objects.get(user=user).last_seq == 2


def test_a_later_edit_replaces_what_is_here():
    user = UserFactory()
    entities_import(user_id=user.pk, changes=[_change()])
    later = _change(notes="later", updatedAt="2024-01-01T00:00:00.000Z")
    assert entities_import(user_id=user.pk, changes=[later]) == ["updated"]
    assert SyncData.objects.get(user=user).version == 2


@pytest.mark.parametrize("updated_at", ["2020-01-01T00:00:00.000Z", None])
def test_an_older_edit_or_one_of_unknown_age_is_kept_out(updated_at):
    user = UserFactory()
    entities_import(user_id=user.pk, changes=[_change()])
    older = _change(notes="older", updatedAt=updated_at)
    assert entities_import(user_id=user.pk, changes=[older]) == ["kept"]
    assert "notes" not in SyncData.objects.get(user=user).data


def test_a_deletion_is_a_tombstone_and_stays_deleted():
    user = UserFactory()
    entities_import(user_id=user.pk, changes=[_change()])
    assert entities_import(user_id=user.pk, changes=[_deleted()]) == ["deleted"]
    assert entities_import(user_id=user.pk, changes=[_change()]) == ["kept"]
    assert SyncData.objects.get(user=user).deleted_at is not None


def test_a_dry_run_decides_the_same_and_writes_nothing():
    user = UserFactory()
    assert entities_import(user_id=user.pk, changes=[_change(), _deleted("e2")], dry_run=True) == [
        "created",
        "deleted",
    ]
    assert not SyncData.objects.exists() and not SyncMetadata.objects.exists()


def test_nothing_to_import_is_nothing():
    assert entities_import(user_id="anyone", changes=[]) == []
