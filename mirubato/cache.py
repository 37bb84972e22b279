"""Django's Redis cache, with one redis-py client per connection pool instead of one per
operation.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every get and set. On
redis-py 8 that costs about 75 µs to build, and a GET through a new client took 272 µs against
107 µs through one kept client (bench/README.md). Every request makes two to four cache calls
(the throttle's read and write, the catalogue or dictionary caches), so with REDIS_URL the
rebuilt clients were about half a millisecond of each request.

A kept client is safe to share: a `redis.Redis` takes a connection from its pool for each
command (it is thread-safe; pipelines, which are not, are still made per call), and the pool
starts afresh in a forked worker (it checks the process id).
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _KeptClients(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client

    def set_many(self, data: dict[Any, Any], timeout: int | None) -> None:
        # One SET with its expiry per key, in a plain pipeline: Django's MULTI, MSET and one
        # EXPIRE per key sent twice the commands for the same outcome (each key lands with
        # its expiry or not at all; set_many never promised the keys land together).
        client = self.get_client(None, write=True)
        if timeout == 0:  # as Django's: stored and expired at once
            client.delete(*data)
            return
        pipeline = client.pipeline(transaction=False)
        for key, value in data.items():
            pipeline.set(key, self._serializer.dumps(value), ex=timeout)
        pipeline.execute()


class RedisCache(DjangoRedisCache):
    """`django.core.cache.backends.redis.RedisCache`, keeping its clients."""

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _KeptClients
