"""Limits: 500 changes and 5 MB per push, 256 KB per entity; beyond them 413 with the limit."""

from __future__ import annotations

import pytest
from django.test import override_settings

from sync.models import SyncData
from tests.sync.client import change, push

pytestmark = pytest.mark.django_db(databases=["default"])


def test_more_than_500_changes_is_a_413_with_the_limit_and_nothing_is_written(auth_client):
    response = push(auth_client, [change("goal", f"g{n}", {}) for n in range(501)])
    assert response.status_code == 413
    details = response.json()["error"]["details"]
    assert (details["limit"], details["unit"], details["count"]) == (500, "changes", 501)
    assert not SyncData.objects.exists()


def test_exactly_500_changes_are_accepted(auth_client):
    response = push(auth_client, [change("goal", f"g{n}", {}) for n in range(500)])
    assert response.status_code == 200
    assert SyncData.objects.count() == 500


def test_an_entity_over_256_kb_is_a_413_naming_it(auth_client):
    big = {"notes": "x" * (256 * 1024)}
    response = push(auth_client, [change("goal", "g0", {}), change("goal", "g1", big)])
    assert response.status_code == 413
    details = response.json()["error"]["details"]
    assert (details["limit"], details["index"]) == (256 * 1024, 1)
    assert not SyncData.objects.exists()


def test_a_body_declared_over_5_mb_is_refused_before_it_is_parsed(auth_client, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("the body was parsed")

    monkeypatch.setattr("mirubato.api.parsers.CamelCaseJSONParser.parse", never)
    response = auth_client.generic(
        "POST",
        "/api/sync/push",
        b"{}",
        content_type="application/json",
        CONTENT_LENGTH=str(5 * 1024 * 1024 + 1),
    )
    assert response.status_code == 413
    assert response.json()["error"]["details"]["limit"] == 5 * 1024 * 1024


@override_settings(SYNC_MAX_PUSH_BYTES=1000)
def test_a_real_body_over_the_limit_is_a_413(auth_client):
    response = push(auth_client, [change("goal", "g1", {"notes": "x" * 2000})])
    assert response.status_code == 413
    assert not SyncData.objects.exists()
