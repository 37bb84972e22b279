"""mirubato.ids.new_id: ULIDs (checked against python-ulid's reading of them), monotonic within
a millisecond."""

from __future__ import annotations

import os
import threading
import time

import pytest
from ulid import ULID

from mirubato import ids
from mirubato.ids import ID_LENGTH, new_id

CROCKFORD = set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")


@pytest.fixture
def frozen_clock(monkeypatch):
    """Sets the clock to a given millisecond; the generator's memory of the last id is
    restored afterwards, so later ids in this process are of the real time again."""
    monkeypatch.setattr(ids, "_last_ms", ids._last_ms)
    monkeypatch.setattr(ids, "_last_random", ids._last_random)

    def freeze(ms: int) -> None:
        monkeypatch.setattr(ids, "_clock", lambda: ms * 1_000_000)

    return freeze


def test_an_id_is_a_ulid_of_the_current_time():
    before = time.time()
    made = new_id()
    assert len(made) == ID_LENGTH and set(made) <= CROCKFORD
    assert before - 0.002 <= ULID.from_str(made).timestamp <= time.time() + 0.002


def test_ids_sort_in_the_order_they_were_made():
    made = [new_id() for _ in range(10_000)]
    assert made == sorted(made) and len(set(made)) == len(made)


def test_ids_of_one_millisecond_count_up_from_the_first(frozen_clock):
    frozen_clock(1_800_000_000_000)
    first, second = ULID.from_str(new_id()), ULID.from_str(new_id())
    assert first.milliseconds == second.milliseconds == 1_800_000_000_000
    assert int(second) == int(first) + 1


def test_a_millisecond_whose_random_part_is_used_up_moves_to_the_next(frozen_clock):
    frozen_clock(1_800_000_000_001)
    new_id()
    ids._last_random = 2**80 - 1  # restored by the fixture
    assert ULID.from_str(new_id()).milliseconds == 1_800_000_000_002


def test_ids_made_on_several_threads_are_all_distinct():
    made: list[str] = []

    def make() -> None:
        made.extend(new_id() for _ in range(2_000))

    threads = [threading.Thread(target=make) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(made)) == 8_000


def test_a_clock_that_goes_back_does_not_make_an_earlier_id(frozen_clock):
    frozen_clock(1_800_000_000_010)
    later = new_id()
    frozen_clock(1_800_000_000_000)
    assert new_id() > later


def test_a_forked_process_does_not_count_up_from_its_parent(frozen_clock):
    frozen_clock(1_800_000_000_020)
    new_id()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its first id of the same millisecond
        os.write(write, new_id().encode())
        os._exit(0)
    os.waitpid(pid, 0)
    child = ULID.from_str(os.read(read, 26).decode())
    parent_next = ULID.from_str(new_id())
    assert child.milliseconds == parent_next.milliseconds == 1_800_000_000_020
    assert int(child) != int(parent_next)
