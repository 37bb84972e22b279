"""Concurrent pushes of one user, with a client pulling by cursor meanwhile: every change
reaches the puller (real threads; run on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading

import pytest

from sync.models import SyncData
from sync.selectors import feed_pull
from tests.accounts.factories import UserFactory
from tests.sync.client import change, push
from tests.sync.threads import run_in_threads

pytestmark = pytest.mark.django_db(databases=["default"], transaction=True)

PUSHERS, PUSHES_EACH, ITEMS_EACH = 3, 4, 10


def pusher(client, name: str):
    def work() -> None:
        for n in range(PUSHES_EACH):
            items = [change("goal", f"{name}-{n}-{i}", {"i": i}) for i in range(ITEMS_EACH)]
            assert push(client, items, device=name).status_code == 200

    return work


def puller(user, done: threading.Event, seen: dict[str, int]):
    """Follows the cursor like a device does, until the pushes are done and it is caught up."""

    def work() -> None:
        cursor = None
        while True:
            finished = done.is_set()
            body = feed_pull(user_id=user.pk, since=cursor, limit=7)
            for item in body["changes"]:
                seen[item["id"]] = item["seq"]
            cursor = body["cursor"]
            if finished and not body["changes"] and not body["hasMore"]:
                return

    return work


def test_concurrent_pushes_never_let_a_puller_skip_a_change(make_auth_client):
    user = UserFactory()
    pushers = [pusher(make_auth_client(user), f"dev{n}") for n in range(PUSHERS)]
    done, seen = threading.Event(), {}

    def all_pushers() -> None:
        try:
            run_in_threads(pushers)
        finally:
            done.set()

    run_in_threads([all_pushers, puller(user, done, seen)])
    stored = dict(SyncData.objects.filter(user=user).values_list("entity_id", "seq"))
    assert len(stored) == PUSHERS * PUSHES_EACH * ITEMS_EACH
    assert seen == stored
    assert sorted(stored.values()) == list(range(1, len(stored) + 1))
