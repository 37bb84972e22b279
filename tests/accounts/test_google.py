"""Google sign-in against a stand-in key set served on 127.0.0.1, with test RSA keys."""

from __future__ import annotations

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives.asymmetric import rsa

from accounts.models import LoginSession, User
from tests.accounts.conftest import bearer
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/auth/google"
CLIENT_ID = "test-client.apps.googleusercontent.com"
KID = "test-key-1"


def _rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class _KeySet(BaseHTTPRequestHandler):
    body = b"{}"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(type(self).body)

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return _rsa_key()


@pytest.fixture(scope="module")
def jwks_url(signing_key):
    """Serves the public half of `signing_key` as a JWKS, like Google's certs endpoint."""
    jwk = jwt.algorithms.RSAAlgorithm.to_jwk(signing_key.public_key(), as_dict=True)
    handler = type(
        "KeySet",
        (_KeySet,),
        {
            "body": json.dumps(
                {"keys": [{**jwk, "kid": KID, "alg": "RS256", "use": "sig"}]}
            ).encode()
        },
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/oauth2/v3/certs"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def google_configured(settings, jwks_url):
    settings.GOOGLE_JWKS_URL = jwks_url
    settings.SOCIALACCOUNT_PROVIDERS = {"google": {"APPS": [{"client_id": CLIENT_ID}]}}


def _claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "iss": "https://accounts.google.com",
        "aud": CLIENT_ID,
        "sub": "108000000000000000001",
        "email": "ana@gmail.com",
        "email_verified": True,
        "name": "Ana Musician",
        "iat": now,
        "exp": now + 3600,
        "jti": str(uuid.uuid4()),
    }
    claims.update(overrides)
    return claims


def _credential(key, kid: str = KID, **overrides: Any) -> str:
    return jwt.encode(_claims(**overrides), key, algorithm="RS256", headers={"kid": kid})


def _refused(api_client, credential: str) -> None:
    response = api_client.post(URL, {"credential": credential})
    assert response.status_code == 401, response.content
    assert response.json()["error"]["code"] == "invalid_credential"
    assert not User.objects.filter(email="ana@gmail.com").exists()
    assert not LoginSession.objects.exists()


def test_a_valid_id_token_creates_a_google_user_and_signs_in(api_client, signing_key):
    response = api_client.post(URL, {"credential": _credential(signing_key)})
    assert response.status_code == 200
    body = response.json()
    user = User.objects.get(email="ana@gmail.com")
    assert (user.auth_provider, user.google_id) == ("google", "108000000000000000001")
    assert user.display_name == "Ana Musician"
    assert body["user"]["authProvider"] == "google" and body["expiresIn"] == 900
    assert SocialAccount.objects.get(user=user).uid == "108000000000000000001"
    assert api_client.get("/api/auth/me", **bearer(body["accessToken"])).status_code == 200
    assert (
        api_client.post("/api/auth/refresh", {"refreshToken": body["refreshToken"]}).status_code
        == 200
    )


def test_it_links_an_existing_account_with_the_verified_address(api_client, signing_key):
    existing = UserFactory(email="ana@gmail.com", display_name="Ana")
    response = api_client.post(URL, {"credential": _credential(signing_key, email="Ana@Gmail.com")})
    assert response.status_code == 200
    assert response.json()["user"]["id"] == existing.pk
    existing.refresh_from_db()
    assert existing.google_id == "108000000000000000001"
    assert existing.display_name == "Ana"  # the name the user chose is kept
    assert User.objects.count() == 1


def test_the_google_id_finds_the_account_even_after_an_address_change(api_client, signing_key):
    existing = UserFactory(email="old@gmail.com", google_id="108000000000000000001")
    response = api_client.post(URL, {"credential": _credential(signing_key)})
    assert response.json()["user"]["id"] == existing.pk
    assert User.objects.count() == 1


def test_a_token_signed_with_another_key_is_refused(api_client):
    _refused(api_client, _credential(_rsa_key()))


def test_an_expired_token_is_refused(api_client, signing_key):
    _refused(api_client, _credential(signing_key, exp=int(time.time()) - 60))


def test_a_token_for_another_audience_is_refused(api_client, signing_key):
    _refused(api_client, _credential(signing_key, aud="someone-else.apps.googleusercontent.com"))


def test_a_token_from_another_issuer_is_refused(api_client, signing_key):
    _refused(api_client, _credential(signing_key, iss="https://evil.example"))


def test_a_token_with_an_unverified_address_is_refused(api_client, signing_key):
    _refused(api_client, _credential(signing_key, email_verified=False))


def test_a_token_naming_an_unknown_key_is_refused(api_client, signing_key):
    _refused(api_client, _credential(signing_key, kid="unknown-key"))


def test_a_token_with_a_symmetric_algorithm_is_refused(api_client):
    secret = "a-guessed-shared-secret-of-32-bytes!"
    forged = jwt.encode(_claims(), secret, algorithm="HS256", headers={"kid": KID})
    _refused(api_client, forged)


def test_a_malformed_credential_is_refused(api_client):
    _refused(api_client, "not-a-jwt")


def test_a_replayed_id_token_is_refused(api_client, signing_key):
    credential = _credential(signing_key)
    assert api_client.post(URL, {"credential": credential}).status_code == 200
    response = api_client.post(URL, {"credential": credential})
    assert response.status_code == 401
    assert LoginSession.objects.count() == 1


def test_without_a_configured_client_id_google_sign_in_is_unavailable(
    api_client, settings, signing_key
):
    settings.SOCIALACCOUNT_PROVIDERS = {"google": {"APPS": []}}
    response = api_client.post(URL, {"credential": _credential(signing_key)})
    assert response.status_code == 503
    assert not User.objects.exists()


def test_an_unreachable_key_set_is_a_503(api_client, settings, signing_key):
    settings.GOOGLE_JWKS_URL = "http://127.0.0.1:9/certs"
    response = api_client.post(URL, {"credential": _credential(signing_key)})
    assert response.status_code == 503
    assert not User.objects.exists()


def test_google_sign_in_is_throttled_against_guessing(api_client):
    for _ in range(20):
        assert api_client.post(URL, {"credential": "guess"}).status_code == 401
    response = api_client.post(URL, {"credential": "guess"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
