"""Two concurrent first requests with one Idempotency-Key apply once (real threads)."""

from __future__ import annotations

import pytest

from sync.models import IdempotencyKey, SyncData, SyncMetadata
from tests.accounts.factories import UserFactory
from tests.sync.client import change, push
from tests.sync.threads import run_in_threads

pytestmark = pytest.mark.django_db(databases=["default"], transaction=True)


def test_concurrent_first_requests_with_one_key_apply_once_and_both_get_the_same_answer(
    make_auth_client,
):
    user = UserFactory()
    clients = [make_auth_client(user) for _ in range(4)]
    changes = [change("goal", f"g{n}", {"n": n}) for n in range(20)]
    responses = run_in_threads([lambda c=c: push(c, changes, key="same-key") for c in clients])
    assert [r.status_code for r in responses] == [200] * 4
    assert all(r.json() == responses[0].json() for r in responses)
    assert sum(r.headers.get("Idempotent-Replay") == "true" for r in responses) == 3
    assert SyncData.objects.filter(user=user, version=1).count() == 20
    assert SyncMetadata.objects.get(user=user).last_seq == 20
    assert IdempotencyKey.objects.filter(user=user).count() == 1
