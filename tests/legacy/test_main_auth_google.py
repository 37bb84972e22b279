"""Legacy Google sign-in (the client's calls §2, A3), against the stand-in key set of the
accounts tests."""

from __future__ import annotations

import pytest

from accounts.models import LoginSession, User
from tests.accounts import test_google as google
from tests.legacy.main_support import API, COOKIE, assert_legacy_error

# The accounts tests' fixtures: a test RSA key, its JWKS on 127.0.0.1, Google configured.
signing_key, jwks_url, google_configured = (
    google.signing_key,
    google.jwks_url,
    google.google_configured,
)
_credential, _rsa_key = google._credential, google._rsa_key

pytestmark = pytest.mark.django_db(databases=["default"])

URL = f"{API}/auth/google"


def test_a_valid_id_token_signs_in_with_the_original_shape_and_the_cookie(api_client, signing_key):
    response = api_client.post(URL, {"credential": _credential(signing_key)})
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True
    assert (body["user"]["authProvider"], body["user"]["role"]) == ("google", "user")
    assert response.cookies[COOKIE].value == body["refreshToken"]
    assert response.cookies[COOKIE]["httponly"]
    assert User.objects.get(email="ana@gmail.com").google_id == "108000000000000000001"


def test_a_token_signed_with_another_key_is_a_legacy_401(api_client):
    response = api_client.post(URL, {"credential": _credential(_rsa_key())})
    body = assert_legacy_error(response, 401)
    assert body["errorCode"] == "invalid_credential"
    assert COOKIE not in response.cookies and not LoginSession.objects.exists()


def test_without_google_configured_it_is_a_legacy_503(api_client, signing_key, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"google": {"APPS": []}}
    assert_legacy_error(api_client.post(URL, {"credential": _credential(signing_key)}), 503)


def test_google_sign_in_shares_the_verify_throttle(api_client):
    for _ in range(20):
        assert api_client.post(URL, {"credential": "not.a.jwt"}).status_code == 401
    assert_legacy_error(api_client.post(URL, {"credential": "not.a.jwt"}), 429)
