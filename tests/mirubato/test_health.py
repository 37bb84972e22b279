"""/health, /readyz and /livez report each database and the cache."""

from __future__ import annotations

import copy

import pytest
from django.conf import settings
from django.db.utils import ConnectionHandler

from mirubato import health

pytestmark = pytest.mark.django_db(databases=["default", "scores", "dictionary"])


def test_health_is_200_when_every_part_is_up(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database:default": "ok",
            "database:scores": "ok",
            "database:dictionary": "ok",
            "cache": "ok",
        },
    }


def test_readyz_is_200_when_every_part_is_up(client):
    assert client.get("/readyz").status_code == 200


def test_livez_answers_without_touching_a_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert response.json() == {"status": "ok"}


def test_health_is_503_naming_an_unreachable_database(client, monkeypatch):
    databases = copy.deepcopy(settings.DATABASES)
    # Port 1 on loopback refuses connections: a real driver failing to reach a real address.
    databases["scores"] = {
        **databases["scores"],
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "mirubato_scores",
        "HOST": "127.0.0.1",
        "PORT": "1",
        "USER": "postgres",
        "OPTIONS": {"connect_timeout": 2},
    }
    handler = ConnectionHandler(databases)
    monkeypatch.setattr(health, "connections", handler)
    try:
        response = client.get("/health")
    finally:
        handler.close_all()
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failed"] == ["database:scores"]
    assert body["checks"]["database:default"] == "ok"


def test_health_is_503_naming_an_unreachable_cache(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "mirubato.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]


def test_health_is_200_with_a_real_redis_cache(client, settings, redis_url):
    settings.CACHES = {"default": {"BACKEND": "mirubato.cache.RedisCache", "LOCATION": redis_url}}
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == "ok"


def test_health_rejects_other_methods(client):
    assert client.post("/health").status_code == 405
