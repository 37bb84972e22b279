"""Idempotency-Key: a retry replays the first answer and writes nothing; another body is 409."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from sync.models import IdempotencyKey, SyncData, SyncMetadata
from tests.sync.client import change, push

pytestmark = pytest.mark.django_db(databases=["default"])


def batch(title: str = "Scales"):
    return [change("goal", "g1", {"title": title})]


def test_a_retry_with_the_same_key_and_body_replays_the_answer_and_writes_nothing(auth_client):
    first = push(auth_client, batch(), key="k1")
    meta_before = SyncMetadata.objects.values().get(user=auth_client.user)
    retry = push(auth_client, batch(), key="k1")
    assert retry.status_code == 200
    assert retry.headers["Idempotent-Replay"] == "true"
    assert "Idempotent-Replay" not in first.headers
    assert retry.json() == first.json()
    assert SyncData.objects.get(entity_id="g1").version == 1
    assert SyncMetadata.objects.values().get(user=auth_client.user) == meta_before


def test_a_replayed_push_is_not_reapplied_after_other_changes(auth_client):
    push(auth_client, batch("first"), key="k1")
    push(auth_client, batch("second"), key="k2")
    push(auth_client, batch("first"), key="k1")
    assert SyncData.objects.get(entity_id="g1").data == {"title": "second"}


def test_the_x_idempotency_key_header_works_the_same(auth_client):
    push(auth_client, batch(), key="k1", header="X-Idempotency-Key")
    retry = push(auth_client, batch(), key="k1", header="X-Idempotency-Key")
    assert retry.headers["Idempotent-Replay"] == "true"


def test_the_same_key_with_another_body_is_a_409_and_writes_nothing(auth_client):
    push(auth_client, batch("a"), key="k1")
    response = push(auth_client, batch("b"), key="k1")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert SyncData.objects.get(entity_id="g1").data == {"title": "a"}


def test_keys_belong_to_one_user(auth_client, make_auth_client):
    from tests.accounts.factories import UserFactory

    other = make_auth_client(UserFactory())
    push(other, batch("theirs"), key="k1")
    response = push(auth_client, batch("mine"), key="k1")
    assert "Idempotent-Replay" not in response.headers
    assert SyncData.objects.get(user=auth_client.user).data == {"title": "mine"}


def test_an_expired_key_is_applied_as_a_new_request(auth_client):
    push(auth_client, batch("a"), key="k1")
    IdempotencyKey.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = push(auth_client, batch("b"), key="k1")
    assert "Idempotent-Replay" not in response.headers
    assert SyncData.objects.get(entity_id="g1").data == {"title": "b"}
    assert IdempotencyKey.objects.count() == 1


def test_the_key_expires_after_24_hours(auth_client):
    push(auth_client, batch(), key="k1")
    key = IdempotencyKey.objects.get()
    assert timedelta(hours=23, minutes=59) < key.expires_at - key.created_at <= timedelta(hours=24)


def test_a_rejected_push_stores_no_key_so_a_corrected_retry_applies(auth_client):
    assert push(auth_client, [change("goal", "g1")], key="k1").status_code == 400
    assert not IdempotencyKey.objects.exists()
    assert push(auth_client, batch(), key="k1").status_code == 200


def test_a_key_that_is_too_long_is_a_400_and_nothing_is_written(auth_client):
    response = push(auth_client, batch(), key="k" * 300)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert not SyncData.objects.exists()
    assert not IdempotencyKey.objects.exists()


def test_another_users_key_with_the_same_body_is_not_replayed_to_me(auth_client, make_auth_client):
    from tests.accounts.factories import UserFactory

    other = make_auth_client(UserFactory())
    theirs = push(other, batch(), key="k1")
    mine = push(auth_client, batch(), key="k1")
    assert "Idempotent-Replay" not in mine.headers
    assert mine.json()["cursor"] != theirs.json()["cursor"]
    assert SyncData.objects.get(user=auth_client.user).version == 1
    assert IdempotencyKey.objects.filter(key="k1").count() == 2
