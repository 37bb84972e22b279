"""Concurrent writers of one user never let a puller skip a change (real threads, real
transactions; on PostgreSQL the feed lock orders them, on SQLite BEGIN IMMEDIATE does)."""

from __future__ import annotations

import threading

import pytest

from sync.models import SyncData, SyncMetadata
from sync.services import entity_write
from tests.accounts.factories import UserFactory
from tests.sync.threads import run_in_threads

pytestmark = pytest.mark.django_db(databases=["default"], transaction=True)

WRITERS, WRITES_EACH = 3, 15


def writer(user, name: str):
    def work() -> None:
        for n in range(WRITES_EACH):
            entity_write(user=user, entity_type="goal", entity_id=f"{name}-{n}", data={"n": n})

    return work


def puller(user, done: threading.Event, seen: set[str]):
    """Pulls by cursor like a client, until the writers are done and nothing is left."""

    def work() -> None:
        cursor = 0
        while True:
            finished = done.is_set()
            rows = list(
                SyncData.objects.filter(user=user, seq__gt=cursor)
                .order_by("seq")
                .values_list("entity_id", "seq")
            )
            for entity_id, seq in rows:
                seen.add(entity_id)
                cursor = seq
            if finished and not rows:
                return

    return work


def test_concurrent_writers_of_one_user_get_unique_gapless_positions_and_no_change_is_skipped():
    user = UserFactory()
    done, seen = threading.Event(), set()
    writers = [writer(user, f"w{i}") for i in range(WRITERS)]

    def all_writers() -> None:
        try:
            run_in_threads(writers)
        finally:
            done.set()

    run_in_threads([all_writers, puller(user, done, seen)])
    total = WRITERS * WRITES_EACH
    seqs = sorted(SyncData.objects.filter(user=user).values_list("seq", flat=True))
    assert seqs == list(range(1, total + 1))
    assert SyncMetadata.objects.get(user=user).last_seq == total
    assert len(seen) == total


def test_first_writes_of_a_new_user_racing_to_create_the_feed_both_succeed():
    user = UserFactory()
    run_in_threads(
        [
            lambda: entity_write(user=user, entity_type="goal", entity_id="a", data={}),
            lambda: entity_write(user=user, entity_type="goal", entity_id="b", data={}),
        ]
    )
    assert sorted(SyncData.objects.filter(user=user).values_list("seq", flat=True)) == [1, 2]
