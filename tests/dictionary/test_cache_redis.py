"""Hot lookups through a real Redis (as with REDIS_URL): cached, counted, dropped on edit."""

from __future__ import annotations

import uuid

import pytest
import redis
from django.utils import timezone

from dictionary import caching
from tests.dictionary.factories import EntryFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


@pytest.fixture
def redis_cache(settings, redis_url):
    location = redis_url.rsplit("/", 1)[0] + "/12"
    prefix = f"test-dictionary-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "mirubato.cache.RedisCache",
            # Database 15 is shared with other test runs that FLUSHDB it between tests, which
            # would wipe keys mid-test; this test uses database 12 and a prefix of its own,
            # and never flushes anything.
            "LOCATION": location,
            "KEY_PREFIX": prefix,
        }
    }
    yield
    client = redis.Redis.from_url(location)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


def test_lookups_are_cached_in_redis_and_dropped_on_edit(redis_cache, api_client):
    entry = EntryFactory(term="Tenuto")
    first = api_client.get("/api/dictionary/terms/tenuto")
    second = api_client.get("/api/dictionary/terms/tenuto")
    assert first.content == second.content
    assert caching.read_counters(timezone.now().date()) == (1, 1)
    entry.definition = {**entry.definition, "concise": "Held for its full value."}
    entry.save()
    third = api_client.get("/api/dictionary/terms/tenuto")
    assert third.json()["entry"]["definition"]["concise"] == "Held for its full value."
    assert caching.read_counters(timezone.now().date()) == (1, 2)
