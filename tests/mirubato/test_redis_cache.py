"""mirubato.cache.RedisCache, on a real Redis: Django's Redis cache with one kept client per
pool and a plain pipeline for set_many. What is stored, when it expires, and sharing the
client across threads and a fork."""

from __future__ import annotations

import os
import threading
import uuid

import pytest

from mirubato.cache import RedisCache


@pytest.fixture
def redis_cache(unflushed_redis_url):
    cache = RedisCache(unflushed_redis_url, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.delete_many(["a", "b", "c"] + [f"t{n}" for n in range(8)])
    cache.close()


def test_set_many_stores_every_value(redis_cache):
    redis_cache.set_many({"a": [1.5, 2.5], "b": {"x": 1}}, 60)
    assert redis_cache.get_many(["a", "b"]) == {"a": [1.5, 2.5], "b": {"x": 1}}


def test_set_many_gives_every_key_its_expiry(redis_cache):
    redis_cache.set_many({"a": 1, "b": 2}, 60)
    client = redis_cache._cache.get_client()
    ttls = [client.ttl(redis_cache.make_and_validate_key(key)) for key in ("a", "b")]
    assert all(55 <= ttl <= 60 for ttl in ttls), ttls


def test_set_many_without_a_timeout_never_expires(redis_cache):
    redis_cache.set_many({"a": 1}, None)
    client = redis_cache._cache.get_client()
    assert client.ttl(redis_cache.make_and_validate_key("a")) == -1  # no expiry


def test_set_many_with_a_zero_timeout_leaves_nothing(redis_cache):
    redis_cache.set("a", "old", 60)
    redis_cache.set_many({"a": "new", "b": 2}, 0)
    assert redis_cache.get_many(["a", "b"]) == {}


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client()
    redis_cache.set("a", 1, 60)
    assert redis_cache._cache.get_client(write=True) is client


def test_threads_sharing_the_client_each_read_their_own_values(redis_cache):
    failures: list[str] = []

    def work(n: int) -> None:
        for round_ in range(50):
            redis_cache.set(f"t{n}", (n, round_), 60)
            if redis_cache.get(f"t{n}") != (n, round_):
                failures.append(f"t{n} round {round_}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_a_forked_worker_uses_the_cache_on_connections_of_its_own(redis_cache):
    redis_cache.set("a", "parent", 60)  # the parent's pool holds a connection now
    pid = os.fork()
    if pid == 0:  # the child: exit 0 only if it reads and writes correctly
        try:
            ok = redis_cache.get("a") == "parent"
            redis_cache.set("b", "child", 60)
            os._exit(0 if ok else 1)
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert redis_cache.get_many(["a", "b"]) == {"a": "parent", "b": "child"}


def test_incr_adds_to_a_stored_number(redis_cache):
    redis_cache.set("a", 5, 60)
    assert (redis_cache.incr("a"), redis_cache.incr("a", 10)) == (6, 16)
    assert redis_cache.get("a") == 16


def test_incr_of_a_missing_key_raises_and_stores_nothing(redis_cache):
    with pytest.raises(ValueError):
        redis_cache.incr("a")
    assert redis_cache.get("a") is None


def test_incr_keeps_the_expiry(redis_cache):
    redis_cache.set("a", 1, 60)
    redis_cache.incr("a")
    client = redis_cache._cache.get_client()
    assert 55 <= client.ttl(redis_cache.make_and_validate_key("a")) <= 60
