"""Two processors at once (threads with their own connections): no item is taken twice."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connections

from dictionary.models import DictionaryEntry, SeedQueue
from dictionary.services.pipeline.processor import seed_queue_process
from dictionary.services.pipeline.queue import seed_claim_next
from tests.dictionary.factories import QueueItemFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["dictionary"])


def run_in_threads(target, count: int = 2) -> list:
    results: list = [None] * count
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def work(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = target(index)
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def test_two_claimers_never_take_the_same_item():
    ids = {QueueItemFactory().id for _ in range(12)}

    def claim_all(index: int) -> list[str]:
        taken = []
        while (item := seed_claim_next(run_id=f"runner-{index}")) is not None:
            taken.append(item.id)
        return taken

    first, second = run_in_threads(claim_all)
    assert not set(first) & set(second)
    assert set(first) | set(second) == ids
    assert set(SeedQueue.objects.values_list("claimed_by", flat=True)) <= {"runner-0", "runner-1"}


def test_two_processors_generate_each_term_exactly_once(ai_server):
    terms = {QueueItemFactory(term=f"Concurrent {n}").term for n in range(8)}
    summaries = run_in_threads(lambda i: seed_queue_process(limit=8, run_id=f"runner-{i}"))
    assert Counter(ai_server.terms_requested()) == Counter(terms)
    assert sum(s.published for s in summaries) == 8
    assert DictionaryEntry.objects.count() == 8
    assert set(SeedQueue.objects.values_list("status", flat=True)) == {"completed"}
