"""X-Request-ID: kept from the proxy when it is a short safe token, else made; on every answer."""

from __future__ import annotations

import pytest
from django.test import Client

from mirubato.telemetry.context import REQUEST_ID_PATTERN

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.mirubato.urls")]


def test_a_request_without_an_id_gets_a_new_one_on_its_answer(client):
    first = client.get("/livez")["X-Request-ID"]
    second = client.get("/livez")["X-Request-ID"]
    assert REQUEST_ID_PATTERN.fullmatch(first)
    assert first != second


def test_the_proxys_request_id_is_returned_as_sent(client):
    response = client.get("/livez", headers={"X-Request-ID": "edge-4f9a:1/2"})
    assert response["X-Request-ID"] == "edge-4f9a:1/2"


@pytest.mark.parametrize(
    "sent",
    ["two words", 'quote"d', "line\nbreak", "x" * 129, "-leading-dash", "ünïcode", ""],
)
def test_an_unacceptable_request_id_is_replaced_by_a_new_one(client, sent):
    response = client.get("/livez", headers={"X-Request-ID": sent})
    assert response["X-Request-ID"] != sent
    assert REQUEST_ID_PATTERN.fullmatch(response["X-Request-ID"])


def test_the_proxys_id_is_ignored_when_the_proxy_is_not_trusted_with_it(client, settings):
    settings.REQUEST_ID_FROM_PROXY = False
    response = client.get("/livez", headers={"X-Request-ID": "from-client"})
    assert response["X-Request-ID"] != "from-client"


def test_an_api_error_answer_carries_the_request_id(api_client):
    response = api_client.get("/api/no-such-thing", headers={"X-Request-ID": "req-404"})
    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-404"


def test_a_500_answer_carries_the_request_id():
    client = Client(raise_request_exception=False)
    response = client.get("/api/test/boom", headers={"X-Request-ID": "req-500"})
    assert response.status_code == 500
    assert response["X-Request-ID"] == "req-500"


def test_an_admin_page_carries_the_request_id(client):
    response = client.get("/admin/login/", headers={"X-Request-ID": "req-admin"})
    assert response.status_code == 200
    assert response["X-Request-ID"] == "req-admin"


def test_a_browser_may_send_and_read_the_request_id_across_origins(client, settings):
    origin = settings.CORS_ALLOWED_ORIGINS[0]
    response = client.options(
        "/api/scores",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "x-request-id",
        },
    )
    assert "x-request-id" in response["Access-Control-Allow-Headers"]
    answer = client.get("/api/scores", headers={"Origin": origin})
    assert "X-Request-ID" in answer["Access-Control-Expose-Headers"]
