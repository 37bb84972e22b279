"""The original client sends its main-API calls `withCredentials`: under /legacy/ every answer
to an allowed origin, preflights included, says `Access-Control-Allow-Credentials: true`; the
rest of the API keeps credentials off (it uses bearer tokens only)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

ORIGIN = "http://localhost:4173"


@pytest.fixture(autouse=True)
def _spa_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]


def _preflight(client, path: str):
    return client.options(
        path,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type,x-device-id,authorization",
    )


def test_a_legacy_preflight_allows_credentials_for_the_spa(client):
    response = _preflight(client, "/legacy/api/auth/request-magic-link")
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert response["Access-Control-Allow-Credentials"] == "true"


def test_a_legacy_answer_allows_credentials_for_the_spa(client):
    response = client.post(
        "/legacy/api/auth/request-magic-link",
        {"email": "a@example.com"},
        content_type="application/json",
        HTTP_ORIGIN=ORIGIN,
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Credentials"] == "true"


def test_another_origin_gets_no_cors_headers(client):
    response = _preflight(client, "/legacy/api/auth/request-magic-link")
    other = client.options(
        "/legacy/api/auth/request-magic-link",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert response.has_header("Access-Control-Allow-Origin")
    assert not other.has_header("Access-Control-Allow-Origin")
    assert not other.has_header("Access-Control-Allow-Credentials")


def test_our_own_api_keeps_credentials_off(client):
    response = _preflight(client, "/api/auth/request-magic-link")
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert not response.has_header("Access-Control-Allow-Credentials")
