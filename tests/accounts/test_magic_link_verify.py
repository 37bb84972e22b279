from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import LoginSession, LoginToken, User
from accounts.services.magic_links import magic_link_verify
from mirubato.api.errors import ApiError
from tests.accounts.conftest import bearer, last_mailed_token, run_concurrently
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

REQUEST, VERIFY = "/api/auth/request-magic-link", "/api/auth/verify-magic-link"


def _mailed_token(api_client, email: str) -> str:
    assert api_client.post(REQUEST, {"email": email}).status_code == 200
    return last_mailed_token(email)


def test_first_sign_in_creates_the_user_and_returns_working_tokens(api_client):
    token = _mailed_token(api_client, "new@example.com")
    response = api_client.post(VERIFY, {"token": token})
    assert response.status_code == 200
    body = response.json()
    user = User.objects.get(email="new@example.com")
    assert user.auth_provider == "magic_link" and not user.has_usable_password()
    assert body["user"]["id"] == user.pk and body["user"]["authProvider"] == "magic_link"
    assert body["expiresIn"] == 900 and body["accessToken"] and body["refreshToken"]
    assert LoginSession.objects.filter(user=user).count() == 1
    me = api_client.get("/api/auth/me", **bearer(body["accessToken"]))
    assert me.status_code == 200 and me.json()["email"] == "new@example.com"


def test_an_existing_user_signs_in_to_the_same_account(api_client):
    existing = UserFactory(email="ana@example.com", auth_provider="google", google_id="g-1")
    response = api_client.post(VERIFY, {"token": _mailed_token(api_client, "ANA@example.com")})
    assert response.status_code == 200
    assert response.json()["user"]["id"] == existing.pk
    existing.refresh_from_db()
    assert existing.auth_provider == "magic_link" and existing.google_id == "g-1"
    assert User.objects.count() == 1


def test_a_used_token_is_refused_with_401(api_client):
    token = _mailed_token(api_client, "ana@example.com")
    assert api_client.post(VERIFY, {"token": token}).status_code == 200
    again = api_client.post(VERIFY, {"token": token})
    assert again.status_code == 401
    assert again.json()["error"]["code"] == "invalid_token"
    assert LoginSession.objects.count() == 1


def test_an_expired_token_is_refused_with_401(api_client):
    token = _mailed_token(api_client, "ana@example.com")
    LoginToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api_client.post(VERIFY, {"token": token})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"
    assert not User.objects.exists()
    assert LoginToken.objects.get().used_at is None


def test_an_unknown_token_is_refused_with_401(api_client):
    response = api_client.post(VERIFY, {"token": "made-up-token"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"


def test_an_empty_token_is_a_400(api_client):
    response = api_client.post(VERIFY, {"token": ""})
    assert response.status_code == 400
    assert "token" in response.json()["error"]["details"]


def test_a_token_signs_in_only_the_address_it_was_sent_to(api_client):
    ana, ben = UserFactory(email="ana@example.com"), UserFactory(email="ben@example.com")
    ana_token = _mailed_token(api_client, "ana@example.com")
    _mailed_token(api_client, "ben@example.com")
    response = api_client.post(VERIFY, {"token": ana_token})
    assert response.json()["user"]["id"] == ana.pk
    assert not LoginSession.objects.filter(user=ben).exists()


def test_a_disabled_account_cannot_sign_in(api_client):
    UserFactory(email="gone@example.com", is_active=False)
    response = api_client.post(VERIFY, {"token": _mailed_token(api_client, "gone@example.com")})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_disabled"
    assert not LoginSession.objects.exists()


def test_an_expired_bearer_header_does_not_block_verification(api_client):
    token = _mailed_token(api_client, "ana@example.com")
    response = api_client.post(VERIFY, {"token": token}, **bearer("expired.or.garbage"))
    assert response.status_code == 200


def test_verification_is_throttled_against_guessing(api_client):
    for n in range(20):
        assert api_client.post(VERIFY, {"token": f"guess-{n}"}).status_code == 401
    response = api_client.post(VERIFY, {"token": "guess-20"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_verifications_of_one_token_sign_in_once(api_client):
    token = _mailed_token(api_client, "ana@example.com")
    results = run_concurrently(lambda: magic_link_verify(token=token))
    failures = [r for r in results if isinstance(r, Exception)]
    assert len(failures) == 1 and isinstance(failures[0], ApiError)
    assert failures[0].status_code == 401
    assert User.objects.filter(email="ana@example.com").count() == 1
    assert LoginSession.objects.count() == 1
