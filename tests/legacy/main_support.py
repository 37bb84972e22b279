"""Helpers for the legacy main-API tests (tests/legacy/test_main_*.py)."""

from __future__ import annotations

from typing import Any

from tests.accounts.conftest import last_mailed_token

API = "/legacy/api"
COOKIE = "refresh-token"


def assert_legacy_error(response, status: int) -> dict[str, Any]:
    """The original's error body: `{success: false, error: "<text>", code: <status>}`."""
    assert response.status_code == status, response.content
    body = response.json()
    assert body["success"] is False and body["code"] == status, body
    assert isinstance(body["error"], str) and body["error"], body
    return body


def sign_in(client, email: str) -> dict[str, Any]:
    """Signs `email` in through the legacy API (link, mail, verify); the client keeps the
    refresh cookie the verify sets."""
    response = client.post(f"{API}/auth/request-magic-link", {"email": email})
    assert response.status_code == 200, response.content
    token = last_mailed_token(email)
    response = client.post(f"{API}/auth/verify-magic-link", {"token": token})
    assert response.status_code == 200, response.content
    return response.json()
