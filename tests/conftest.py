"""Fixtures every app's tests share: API clients, a user, real tokens, Redis."""

from __future__ import annotations

import os
import socket

import pytest
from django.core.cache import cache
from django.db import connections
from rest_framework.test import APIClient

from accounts.services import tokens_issue
from tests.accounts.factories import UserFactory

ALL_DATABASES = ["default", "scores", "dictionary"]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


@pytest.fixture(scope="session", autouse=True)
def _close_connection_pools(django_db_setup, django_db_blocker):
    """On PostgreSQL each alias has a psycopg pool whose connections would keep the test
    databases open; close them before pytest-django drops the databases."""
    yield
    with django_db_blocker.unblock():
        for connection in connections.all():
            if hasattr(connection, "close_pool"):
                connection.close_pool()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters and cached lookups never leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


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
