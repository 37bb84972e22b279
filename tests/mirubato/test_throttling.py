"""The default throttle (mirubato.api.throttling.RequestRateThrottle): DRF's anon, user and
scoped rates, checked in one cache read and one write per request, or with Redis in one
script on the server. The rules are tested on both caches."""

from __future__ import annotations

import threading
import uuid

import pytest
import redis
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.test import APIRequestFactory
from rest_framework.throttling import ScopedRateThrottle

from mirubato.api.throttling import RequestRateThrottle
from mirubato.cache import RedisCache
from tests.accounts.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.mirubato.urls")]
RATED, OPEN = "/api/test/rated", "/api/test/rated-open"


@pytest.fixture
def rates(monkeypatch):
    """Sets rates for this test (anything not named is effectively unlimited)."""

    def set_rates(**chosen: str) -> None:
        base = {"anon": "1000/min", "user": "1000/min", "test_scope": "1000/min"}
        monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {**base, **chosen})

    return set_rates


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(RequestRateThrottle, "timer", clock)
    return clock


class CountingCache(LocMemCache):
    """A real in-process cache that counts the calls made to it (not its own inner ones:
    LocMemCache's get_many and set_many loop over get and set)."""

    def __init__(self) -> None:
        super().__init__(f"throttle-test-{uuid.uuid4()}", {})  # the name keys its storage
        self.calls: list[str] = []
        self._inside = False

    def _count(self, name: str, method, *args, **kwargs):
        if self._inside:
            return method(*args, **kwargs)
        self.calls.append(name)
        self._inside = True
        try:
            return method(*args, **kwargs)
        finally:
            self._inside = False

    def get(self, *args, **kwargs):
        return self._count("get", super().get, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._count("get_many", super().get_many, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._count("set", super().set, *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._count("set_many", super().set_many, *args, **kwargs)

    def counted(self) -> dict[str, int]:
        """Requests counted per scope for the test client's address."""
        scopes = ("anon", "user", "test_scope")
        stored = self.get_many([f"throttle_{scope}_127.0.0.1" for scope in scopes])
        return {key.split("_", 1)[1].rsplit("_", 1)[0]: len(h) for key, h in stored.items()}


@pytest.fixture
def counting_cache(monkeypatch) -> CountingCache:
    cache = CountingCache()
    monkeypatch.setattr(RequestRateThrottle, "cache", cache)
    return cache


@pytest.fixture(params=["memory", "redis"])
def throttle_cache(request, monkeypatch):
    """The throttle's cache for this test: in-process memory, or a real Redis (a test of the
    rules runs on both)."""
    if request.param == "memory":
        cache = LocMemCache(f"throttle-test-{uuid.uuid4()}", {})
    else:
        location = request.getfixturevalue("unflushed_redis_url")
        cache = RedisCache(location, {"KEY_PREFIX": uuid.uuid4().hex})
    monkeypatch.setattr(RequestRateThrottle, "cache", cache)
    yield cache
    if request.param == "redis":
        client = cache._cache.get_client(write=True)
        for key in client.scan_iter(match=f"{cache.key_prefix}:*"):
            client.delete(key)


def statuses(client, path: str, times: int) -> list[int]:
    return [client.get(path).status_code for _ in range(times)]


def test_an_anonymous_client_is_refused_past_the_anon_rate(api_client, rates, throttle_cache):
    rates(anon="2/min")
    assert statuses(api_client, OPEN, 3) == [200, 200, 429]
    response = api_client.get(OPEN)
    assert response.json()["error"]["code"] == "throttled"
    assert 1 <= int(response["Retry-After"]) <= 60


def test_a_signed_in_user_is_counted_by_account_not_by_address(
    make_auth_client, rates, throttle_cache
):
    rates(anon="1/min", user="2/min")
    first, second = make_auth_client(UserFactory()), make_auth_client(UserFactory())
    assert statuses(first, OPEN, 3) == [200, 200, 429]
    assert statuses(second, OPEN, 1) == [200]  # same address, another account


def test_a_view_scope_is_counted_apart_from_other_views(auth_client, rates, throttle_cache):
    rates(test_scope="1/min")
    assert statuses(auth_client, RATED, 2) == [200, 429]
    assert statuses(auth_client, OPEN, 2) == [200, 200]


def test_a_refused_request_still_counts_in_the_limits_it_did_not_break(
    api_client, rates, counting_cache
):
    rates(test_scope="1/min")
    assert statuses(api_client, RATED, 2) == [200, 429]
    assert counting_cache.counted() == {"anon": 2, "user": 2, "test_scope": 1}


def test_one_request_reads_the_cache_once_and_writes_it_once(api_client, rates, counting_cache):
    rates()
    assert statuses(api_client, RATED, 1) == [200]
    assert counting_cache.calls == ["get_many", "set_many"]
    assert counting_cache.counted() == {"anon": 1, "user": 1, "test_scope": 1}


def test_requests_older_than_the_window_no_longer_count(api_client, rates, clock, throttle_cache):
    rates(anon="1/min")
    assert statuses(api_client, OPEN, 1) == [200]
    clock.now += 20
    refused = api_client.get(OPEN)
    assert refused.status_code == 429 and refused["Retry-After"] == "40"
    clock.now += 41
    assert statuses(api_client, OPEN, 1) == [200]


def test_a_scope_without_a_rate_is_a_configuration_error(api_client, monkeypatch):
    monkeypatch.setattr(
        ScopedRateThrottle, "THROTTLE_RATES", {"anon": "1000/min", "user": "1000/min"}
    )
    response = api_client.get(RATED)
    assert response.status_code == 500 and response["Content-Type"] == "application/json"


def test_a_history_stored_as_a_list_still_counts(api_client, rates, counting_cache, clock):
    # What DRF's own classes, and this one before it stored arrays, left in the cache.
    counting_cache.set("throttle_anon_127.0.0.1", [clock.now - 1, clock.now - 2], 60)
    rates(anon="3/min")
    assert statuses(api_client, OPEN, 2) == [200, 429]
    assert counting_cache.counted()["anon"] == 3


def _logged(cache: RedisCache, scope: str) -> int:
    """Requests Redis holds in the window of `scope` for the test client's address."""
    key = cache.make_and_validate_key(f"throttle_{scope}_127.0.0.1:log")
    return cache._cache.get_client().zcard(key)


@pytest.fixture
def redis_throttle(unflushed_redis_url, monkeypatch):
    cache = RedisCache(unflushed_redis_url, {"KEY_PREFIX": uuid.uuid4().hex})
    monkeypatch.setattr(RequestRateThrottle, "cache", cache)
    yield cache
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=f"{cache.key_prefix}:*"):
        client.delete(key)


def test_with_redis_a_refused_request_still_counts_where_it_fit(api_client, rates, redis_throttle):
    rates(test_scope="1/min")
    assert statuses(api_client, RATED, 2) == [200, 429]
    counts = {scope: _logged(redis_throttle, scope) for scope in ("anon", "user", "test_scope")}
    assert counts == {"anon": 2, "user": 2, "test_scope": 1}


def test_with_redis_one_request_is_one_round_trip(api_client, rates, redis_throttle, monkeypatch):
    rates()
    redis_throttle._cache.windows_script  # noqa: B018 (registered, as after a first request)
    sent: list[str] = []
    original = redis.Redis.execute_command

    def recorded(client, *args, **kwargs):
        sent.append(args[0])
        return original(client, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", recorded)
    assert statuses(api_client, RATED, 1) == [200]
    assert sent == ["EVALSHA"]


def test_with_redis_each_limit_expires_with_its_window(api_client, rates, redis_throttle):
    rates(anon="5/min", test_scope="5/hour")
    assert statuses(api_client, RATED, 1) == [200]
    client = redis_throttle._cache.get_client()
    ttl = {
        scope: client.ttl(redis_throttle.make_and_validate_key(f"throttle_{scope}_127.0.0.1:log"))
        for scope in ("anon", "test_scope")
    }
    assert 55 <= ttl["anon"] <= 60 and 3595 <= ttl["test_scope"] <= 3600


def test_with_redis_requests_at_once_never_pass_the_rate(rates, redis_throttle):
    """Eight threads checking 40 requests each, from one address allowed 200 a minute:
    exactly 200 get through. Read then write could not promise it: two checks reading the
    same history both count, one write is lost, and more than the rate gets through."""
    rates(anon="200/min")
    factory = APIRequestFactory()
    allowed: list[bool] = []

    def check() -> None:
        for _ in range(40):
            request = factory.get("/")
            request.user = None
            allowed.append(RequestRateThrottle().allow_request(request, view=None))

    threads = [threading.Thread(target=check) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (allowed.count(True), allowed.count(False)) == (200, 120)
    assert _logged(redis_throttle, "anon") == 200
