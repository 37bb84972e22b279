"""Fixtures every app's tests share: API clients, a user, real tokens, Redis, S3 (moto)."""

from __future__ import annotations

import importlib.util
import os
import socket
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connections
from django.test import override_settings
from rest_framework.test import APIClient

from accounts.services import tokens_issue
from mirubato.settings import file_storage
from repertoire.selectors.parsed_logbooks import parsed_logbooks
from tests.accounts.factories import UserFactory
from tests.s3 import Bucket, Gate, MotoServer, aws_sandbox

ALL_DATABASES = ["default", "scores", "dictionary"]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


@pytest.fixture(scope="session", autouse=True)
def _close_connection_pools(django_db_setup, django_db_blocker):
    """Each alias has a pool (psycopg's on PostgreSQL, kept connections on SQLite) whose
    connections would keep the test databases open; close them before pytest-django drops
    the databases."""
    yield
    with django_db_blocker.unblock():
        for connection in connections.all():
            if hasattr(connection, "close_pool"):
                connection.close_pool()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters, cached lookups and parsed logbooks never leak from one test into
    the next."""
    cache.clear()
    parsed_logbooks.clear()
    yield
    cache.clear()
    parsed_logbooks.clear()


@pytest.fixture(autouse=True)
def _catalogue_cache():
    """The catalogue cache is on in every test, as in production with Redis, so a write path
    that failed to drop it shows up as a stale read (tests/scores/test_catalogue_cache.py)."""
    with override_settings(SCORES_CATALOGUE_CACHE_SECONDS=60):
        yield


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def make_auth_client(db):
    """Returns a function giving an APIClient signed in as a user with a real access token."""

    def make(user) -> APIClient:
        client = APIClient()
        tokens = tokens_issue(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens.access_token}")
        client.user = user
        return client

    return make


@pytest.fixture
def auth_client(user, make_auth_client) -> APIClient:
    return make_auth_client(user)


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A real Redis on loopback. Missing Redis skips loudly, and fails the run in CI."""
    if not _reachable(REDIS_HOST, REDIS_PORT):
        message = f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT} (see README, 'Redis')"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/15"


@pytest.fixture(scope="session")
def unflushed_redis_url(redis_url) -> str:
    """A Redis database no test flushes (use a key prefix of your own there). Database 15 is
    flushed by tests that make it the default cache (`_fresh_cache`), in other workers too."""
    return redis_url.rsplit("/", 1)[0] + "/11"


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory) -> Iterator[MotoServer]:
    """A real S3 server (moto) on loopback for the run, with this process's AWS environment
    sandboxed (tests/s3.py). Missing moto skips loudly, and fails the run in CI."""
    if importlib.util.find_spec("moto") is None or importlib.util.find_spec("flask") is None:
        message = "moto[server] is not installed (requirements-dev.txt): S3 tests NOT run"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    server = MotoServer(tmp_path_factory.mktemp("moto") / "moto.log")
    with aws_sandbox():
        server.start()
        yield server
        server.stop()


@pytest.fixture
def s3_bucket(s3_server, settings) -> Iterator[Bucket]:
    """A fresh bucket made this test's default storage, configured by STORAGE_URL's own
    parser (mirubato.settings.file_storage)."""
    bucket = s3_server.bucket()
    settings.STORAGES = {**settings.STORAGES, "default": file_storage(bucket.url())}
    assert default_storage.connection.meta.client.meta.endpoint_url == s3_server.endpoint
    yield bucket
    bucket.destroy()


@pytest.fixture
def s3_gate(s3_server, settings) -> Iterator[tuple[Bucket, Gate]]:
    """A fresh bucket the app reaches through a gate that the test can close (an outage)
    while the bucket stays readable through `bucket.client`."""
    bucket, gate = s3_server.bucket(), Gate(s3_server.port).open()
    url = bucket.url(gate.endpoint, connect_timeout="1", read_timeout="5", max_attempts="1")
    settings.STORAGES = {**settings.STORAGES, "default": file_storage(url)}
    yield bucket, gate
    gate.close()
    bucket.destroy()
