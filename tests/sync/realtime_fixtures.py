"""Channel-layer fixtures for the WebSocket tests (imported by the modules that use them)."""

from __future__ import annotations

import uuid

import pytest
import redis


@pytest.fixture
def redis_layer(settings, redis_url):
    """Settings as a deployment with REDIS_URL has them. The layer's keys carry a prefix of
    this test's own (other checkouts may test against the same Redis) and are removed after."""
    prefix = f"mirubato-test-{uuid.uuid4().hex[:12]}"
    settings.REALTIME_REDIS_URL = redis_url
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [redis_url], "prefix": prefix},
        }
    }
    yield redis_url
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)


@pytest.fixture(params=["memory", "redis"])
def layer(request) -> str:
    """Runs a test with the in-memory channel layer, then with Redis (skipped loudly without
    Redis, failed in CI)."""
    if request.param == "redis":
        request.getfixturevalue("redis_layer")
    return request.param
