"""Every /api/ failure answers JSON in the one envelope, with the right status."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.mirubato.urls")]


def assert_envelope(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_unknown_api_path_is_a_json_404(api_client):
    assert_envelope(api_client.get("/api/no/such/thing"), 404, "not_found")


def test_wrong_method_is_a_json_405(api_client):
    assert_envelope(api_client.get("/api/test/echo"), 405, "method_not_allowed")


def test_malformed_json_is_a_400(api_client):
    response = api_client.post(
        "/api/test/echo", data=b'{"displayName": ', content_type="application/json"
    )
    assert_envelope(response, 400, "parse_error")


def test_invalid_field_is_a_400_naming_the_field_in_camel_case(api_client):
    response = api_client.post("/api/test/echo", {"displayName": "x" * 11}, format="json")
    error = assert_envelope(response, 400, "invalid")
    assert list(error["details"]) == ["displayName"]


def test_a_json_body_over_the_upload_limit_is_a_413_giving_the_limit(api_client, settings):
    # DRF parses the raw stream, which Django's DATA_UPLOAD_MAX_MEMORY_SIZE check never saw:
    # a body of any size was read and parsed.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    body = b'{"displayName": "' + b" " * 200 + b'x"}'
    response = api_client.post("/api/test/echo", data=body, content_type="application/json")
    error = assert_envelope(response, 413, "payload_too_large")
    assert error["details"]["limit"] == 100


def test_a_json_body_at_the_upload_limit_is_parsed(api_client, settings):
    body = b'{"displayName": "x"}'
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(body)
    response = api_client.post("/api/test/echo", data=body, content_type="application/json")
    assert response.status_code == 200


def test_wrong_content_type_is_a_415(api_client):
    response = api_client.post("/api/test/echo", data=b"<x/>", content_type="application/xml")
    assert_envelope(response, 415, "unsupported_media_type")


def test_exception_in_a_view_is_a_json_500_without_traceback(api_client):
    api_client.raise_request_exception = False
    response = api_client.get("/api/test/boom")
    error = assert_envelope(response, 500, "server_error")
    assert "secret internals" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert error["details"] == {}


def test_exception_in_a_view_is_json_even_with_debug_on(api_client, settings):
    settings.DEBUG = True
    api_client.raise_request_exception = False
    response = api_client.get("/api/test/boom")
    assert_envelope(response, 500, "server_error")
    assert "Traceback" not in response.content.decode()


def test_database_outage_is_a_503_with_retry_after(api_client):
    response = api_client.get("/api/test/database-down")
    assert_envelope(response, 503, "service_unavailable")
    assert response["Retry-After"] == "5"


def test_missing_token_is_a_401_with_bearer_challenge(api_client):
    response = api_client.get("/api/test/whoami")
    assert_envelope(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_forged_token_is_a_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not.a.token")
    assert_envelope(api_client.get("/api/test/whoami"), 401, "authentication_failed")


def test_real_access_token_authenticates(auth_client):
    response = auth_client.get("/api/test/whoami")
    assert response.status_code == 200
    assert response.json() == {"userId": auth_client.user.pk}


def test_throttled_request_is_a_429_with_retry_after(api_client, settings):
    for _ in range(10):  # the strict "auth" scope allows 10 a minute
        assert api_client.get("/api/test/throttled").status_code == 200
    response = api_client.get("/api/test/throttled")
    assert_envelope(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_json_nested_too_deeply_for_key_conversion_is_a_400(api_client):
    depth = 1000  # orjson accepts it; converting keys that deep would overflow the stack
    body = '{"a":' * depth + "1" + "}" * depth
    response = api_client.post("/api/test/echo", data=body, content_type="application/json")
    assert_envelope(response, 400, "parse_error")
