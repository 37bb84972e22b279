"""The throttle check every API request makes, on the in-process cache and on Redis (the
production cache, through Django's backend and through mirubato.cache's), beside its floor:
one read and one write of a single counter, the least a throttle reading and writing the
cache does (the deployed Redis backend counts in one script instead). DRF's three default
classes, which RequestRateThrottle replaced, are printed beside the same floor. An anonymous
request to a view with a scope: the case with the most counters (anon, user and the scope)."""

from __future__ import annotations

import itertools
import os
import socket
import uuid

from bench.harness import Harness, timed

REDIS = (os.environ.get("BENCH_REDIS_HOST", "127.0.0.1"), 6379)
CLIENTS = 20  # addresses taking turns, so each counter holds a realistic few dozen requests


def _requests():
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    factory = APIRequestFactory()
    for n in itertools.cycle(range(CLIENTS)):
        request = Request(factory.get("/api/dictionary/terms/x", REMOTE_ADDR=f"10.0.0.{n}"))
        request._user = _anonymous()
        yield request


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


class _View:
    throttle_scope = "dictionary"


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


def _measure(h: Harness, label: str, cache) -> None:
    from rest_framework.throttling import (
        AnonRateThrottle,
        ScopedRateThrottle,
        SimpleRateThrottle,
        UserRateThrottle,
    )

    from mirubato.api.throttling import RequestRateThrottle

    saved = SimpleRateThrottle.cache, SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.cache = cache  # every throttle class reads it from here
    SimpleRateThrottle.THROTTLE_RATES = {
        scope: "100000000/min" for scope in ("anon", "user", "dictionary")
    }
    requests, view = _requests(), _View()

    def floor() -> None:
        key = f"throttle_floor_{next(requests).META['REMOTE_ADDR']}"
        cache.set(key, [1.0, *cache.get(key, [])], 60)

    def ours() -> None:
        assert RequestRateThrottle().allow_request(next(requests), view)

    def drf() -> None:
        request = next(requests)
        for throttle in (AnonRateThrottle(), UserRateThrottle(), ScopedRateThrottle()):
            assert throttle.allow_request(request, view)

    try:
        base = timed(floor, repeat=5, number=300)
        h.report(
            f"throttle check ({label})",
            timed(ours, repeat=5, number=300),
            base,
            "one counter read + write",
        )
        h.report(
            f"DRF's anon+user+scoped ({label})",
            timed(drf, repeat=5, number=300),
            base,
            "one counter read + write",
        )
    finally:
        SimpleRateThrottle.cache, SimpleRateThrottle.THROTTLE_RATES = saved


def run(h: Harness) -> None:
    from django.core.cache.backends.locmem import LocMemCache
    from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

    from mirubato.cache import RedisCache

    _measure(h, "in-process cache", LocMemCache(f"bench-{uuid.uuid4()}", {}))
    if not _redis_reachable():
        h.note(f"Redis not reachable at {REDIS[0]}:{REDIS[1]}: the Redis figures were not taken")
        return
    # Django's own Redis backend (a client per call, a read and a write), then the deployed
    # one (mirubato/cache.py: kept clients, the throttle's one script).
    for label, backend in (("Redis, Django's backend", DjangoRedisCache), ("Redis", RedisCache)):
        prefix = f"mirubato-bench-{uuid.uuid4()}"
        redis = backend(f"redis://{REDIS[0]}:{REDIS[1]}/14", {"KEY_PREFIX": prefix})
        try:
            _measure(h, label, redis)
        finally:
            client = redis._cache.get_client(write=True)
            for key in client.scan_iter(f"{prefix}:*"):
                client.delete(key)
