"""Browsers may call /api/ only from the configured origins."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def preflight(client, origin: str):
    return client.options(
        "/api/auth/me",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization,idempotency-key",
    )


def test_a_configured_origin_is_allowed_with_our_headers(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    response = preflight(client, "https://app.example.com")
    assert response["Access-Control-Allow-Origin"] == "https://app.example.com"
    allowed = response["Access-Control-Allow-Headers"]
    assert "authorization" in allowed and "idempotency-key" in allowed


def test_another_origin_gets_no_cors_header(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    response = preflight(client, "https://evil.example.net")
    assert "Access-Control-Allow-Origin" not in response


def test_clients_can_read_the_replay_and_retry_headers(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    response = client.get("/api/auth/me", HTTP_ORIGIN="https://app.example.com")
    exposed = response["Access-Control-Expose-Headers"]
    assert "Idempotent-Replay" in exposed and "Retry-After" in exposed
