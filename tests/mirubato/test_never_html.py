"""No /api/ answer is ever Django's HTML: not a CSRF failure, a bad Host or an unknown path.

The clients here enforce CSRF as a browser's cookie session would meet it (Django's test client
skips the check by default, which is how an HTML 403 on unknown write paths went unnoticed).
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

WRITES = ("post", "put", "patch", "delete")


@pytest.fixture
def browser() -> Client:
    return Client(enforce_csrf_checks=True)


def _assert_json(response, status: int, code: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["error"]["code"] == code


@pytest.mark.parametrize("method", WRITES)
def test_a_write_to_an_unknown_api_path_is_the_json_404(browser, method):
    response = getattr(browser, method)("/api/no/such/thing", "{}", "application/json")
    _assert_json(response, 404, "not_found")


@pytest.mark.parametrize("method", WRITES)
def test_a_write_to_a_known_path_with_a_trailing_slash_is_the_json_404(browser, method):
    response = getattr(browser, method)("/api/scores/", "{}", "application/json")
    _assert_json(response, 404, "not_found")


def test_a_csrf_failure_under_api_answers_the_envelope(rf):
    from mirubato.api.errors import csrf_failure

    response = csrf_failure(rf.post("/api/auth/logout"), reason="CSRF cookie not set.")
    _assert_json(response, 403, "csrf_failed")


def test_a_csrf_failure_outside_api_keeps_djangos_page(rf):
    from mirubato.api.errors import csrf_failure

    response = csrf_failure(rf.post("/admin/login/"), reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


def test_a_bad_host_header_under_api_is_a_json_400(client):
    _assert_json(client.get("/api/scores", HTTP_HOST="evil.example"), 400, "bad_request")


def test_a_bad_host_header_outside_api_keeps_djangos_page(client):
    response = client.get("/admin/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert not response["Content-Type"].startswith("application/json")
