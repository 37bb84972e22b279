"""manage.py purge_sync: expired keys and old tombstones go; old cursors then answer 410."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sync.feed import cursor_for
from sync.models import IdempotencyKey, SyncData, SyncMetadata
from sync.services import entity_write
from tests.accounts.factories import UserFactory
from tests.sync.client import pull

pytestmark = pytest.mark.django_db(databases=["default"])


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_sync", *args, stdout=out)
    return out.getvalue()


def tombstone(user, entity_id: str, days_ago: int) -> None:
    entity_write(user=user, entity_type="goal", entity_id=entity_id, data={"t": entity_id})
    entity_write(user=user, entity_type="goal", entity_id=entity_id, data=None, deleted=True)
    when = timezone.now() - timedelta(days=days_ago)
    SyncData.objects.filter(user=user, entity_id=entity_id).update(deleted_at=when)


def key(user, name: str, expires_in_hours: float) -> None:
    expires = timezone.now() + timedelta(hours=expires_in_hours)
    IdempotencyKey.objects.create(
        user=user, key=name, request_hash="h", response={}, expires_at=expires
    )


@pytest.fixture
def seeded(user):
    other = UserFactory()
    tombstone(user, "old", 91)
    tombstone(user, "recent", 10)
    tombstone(other, "old", 200)
    entity_write(user=user, entity_type="goal", entity_id="live", data={})
    key(user, "expired", -1)
    key(user, "fresh", 5)
    return user, other


def test_it_deletes_expired_keys_and_tombstones_past_the_retention_and_prints_counts(seeded):
    user, other = seeded
    output = run()
    assert "deleted 1 expired idempotency key(s) and 2 tombstone(s)" in output
    assert "of 2 user(s)" in output
    assert sorted(SyncData.objects.filter(user=user).values_list("entity_id", flat=True)) == [
        "live",
        "recent",
    ]
    assert not SyncData.objects.filter(user=other).exists()
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["fresh"]


def test_it_records_the_purged_position_so_older_cursors_expire(seeded, make_auth_client):
    user, _ = seeded
    run()
    assert SyncMetadata.objects.get(user=user).purged_seq == 2
    client = make_auth_client(user)
    assert pull(client, cursor_for(user_id=user.pk, seq=1).encode()).status_code == 410
    assert pull(client, cursor_for(user_id=user.pk, seq=2).encode()).status_code == 200


def test_dry_run_counts_and_deletes_nothing(seeded):
    output = run("--dry-run")
    assert "would delete 1 expired idempotency key(s) and 2 tombstone(s)" in output
    assert SyncData.objects.count() == 4
    assert IdempotencyKey.objects.count() == 2


def test_a_second_run_finds_nothing_left(seeded):
    run()
    assert "deleted 0 expired idempotency key(s) and 0 tombstone(s)" in run()


def test_the_retention_can_be_overridden_for_a_run(seeded):
    run("--retention-days", "5")
    assert not SyncData.objects.filter(entity_id="recent").exists()


def test_a_negative_retention_is_refused_and_deletes_nothing(seeded):
    # A cutoff in the future would have purged the tombstones of deletes made a moment ago.
    with pytest.raises(CommandError, match="0 or more"):
        run("--retention-days", "-1")
    assert SyncData.objects.count() == 4
    assert IdempotencyKey.objects.count() == 2
