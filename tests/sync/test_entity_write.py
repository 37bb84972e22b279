"""sync.services.entity_write: server-side changes follow the push's version and feed rules."""

from __future__ import annotations

import pytest
from django.db import transaction

from sync.models import SyncData, SyncMetadata
from sync.services import entity_write
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default"])


def write(user, entity_id="prefs", data=None, **kwargs):
    return entity_write(
        user=user,
        entity_type="user_preferences",
        entity_id=entity_id,
        data={"theme": "dark"} if data is None else data,
        **kwargs,
    )


def test_it_creates_an_entity_at_version_1_with_the_first_feed_position(user):
    row = write(user)
    assert (row.version, row.seq, row.deleted_at) == (1, 1, None)
    assert SyncData.objects.get(pk=row.pk).data == {"theme": "dark"}
    assert SyncMetadata.objects.get(user=user).last_seq == 1


def test_identical_content_is_a_no_op_without_a_new_version_or_feed_position(user):
    write(user, data={"theme": "dark", "a": [1, {"b": 2, "c": 3}]})
    row = write(user, data={"a": [1, {"c": 3, "b": 2}], "theme": "dark"})
    assert (row.version, row.seq) == (1, 1)
    assert SyncMetadata.objects.get(user=user).last_seq == 1


def test_a_change_bumps_the_version_and_moves_the_entity_to_the_next_position(user):
    write(user)
    write(user, entity_id="other", data={"x": 1})
    row = write(user, data={"theme": "light"})
    assert (row.version, row.seq) == (2, 3)
    assert SyncData.objects.get(pk=row.pk).data == {"theme": "light"}


def test_deleted_leaves_a_tombstone_with_a_new_version_and_position(user):
    write(user)
    row = write(user, data=None, deleted=True)
    stored = SyncData.objects.get(pk=row.pk)
    assert stored.deleted_at is not None
    assert (stored.version, stored.seq) == (2, 2)


def test_deleting_a_tombstone_again_changes_nothing(user):
    write(user)
    write(user, data=None, deleted=True)
    row = write(user, data=None, deleted=True)
    assert (row.version, row.seq) == (2, 2)


def test_writing_a_deleted_entity_brings_it_back_with_a_new_version(user):
    write(user)
    write(user, data=None, deleted=True)
    row = write(user, data={"theme": "dark"})
    assert row.deleted_at is None
    assert (row.version, row.seq) == (3, 3)


def test_feed_positions_are_per_user(user):
    other = UserFactory()
    write(other)
    assert write(user).seq == 1
    assert write(other, entity_id="x").seq == 2


def test_it_records_the_device_it_was_given(user):
    assert write(user, device_id="server-job").device_id == "server-job"


def test_it_joins_the_callers_transaction_and_rolls_back_with_it(user):
    with pytest.raises(RuntimeError), transaction.atomic(using="default"):
        write(user)
        raise RuntimeError("caller failed after writing")
    assert not SyncData.objects.filter(user=user).exists()
    assert SyncMetadata.objects.filter(user=user, last_seq__gt=0).count() == 0


def test_it_refuses_an_unknown_entity_type(user):
    with pytest.raises(ValueError):
        entity_write(user=user, entity_type="song", entity_id="x", data={})


def test_it_refuses_missing_data_unless_deleting(user):
    with pytest.raises(ValueError):
        entity_write(user=user, entity_type="goal", entity_id="x", data=None)


def test_a_row_saved_directly_still_gets_the_users_next_feed_position(user):
    from tests.sync.factories import SyncDataFactory

    write(user)
    row = SyncDataFactory(user=user)
    assert row.seq == 2
    assert SyncMetadata.objects.get(user=user).last_seq == 2
