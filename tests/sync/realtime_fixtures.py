"""Channel-layer fixtures for the WebSocket tests (imported by the modules that use them)."""

from __future__ import annotations

import pytest
import redis


@pytest.fixture
def redis_layer(settings, redis_url):
    """Settings as a deployment with REDIS_URL has them; Redis' test database is emptied."""
    redis.Redis.from_url(redis_url).flushdb()
    settings.REALTIME_REDIS_URL = redis_url
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [redis_url], "prefix": "mirubato-test:ws"},
        }
    }
    yield redis_url
    redis.Redis.from_url(redis_url).flushdb()


@pytest.fixture(params=["memory", "redis"])
def layer(request) -> str:
    """Runs a test with the in-memory channel layer, then with Redis (skipped loudly without
    Redis, failed in CI)."""
    if request.param == "redis":
        request.getfixturevalue("redis_layer")
    return request.param
