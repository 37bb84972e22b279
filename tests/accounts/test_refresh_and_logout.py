from __future__ import annotations

import jwt
import pytest
from allauth.headless.tokens.strategies.jwt import internal as jwt_tokens

from accounts.models import LoginSession
from accounts.services import tokens_issue, tokens_refresh
from mirubato.api.errors import ApiError
from tests.accounts.conftest import bearer, run_concurrently
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

REFRESH, LOGOUT, ME = "/api/auth/refresh", "/api/auth/logout", "/api/auth/me"


def _refresh(api_client, token: str):
    return api_client.post(REFRESH, {"refreshToken": token})


def test_refresh_rotates_both_tokens_and_the_old_refresh_token_stops_working(api_client, user):
    first = tokens_issue(user=user)
    response = _refresh(api_client, first.refresh_token)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"accessToken", "refreshToken", "expiresIn"}
    assert body["refreshToken"] != first.refresh_token and body["expiresIn"] == 900
    assert api_client.get(ME, **bearer(body["accessToken"])).json()["id"] == user.pk
    assert _refresh(api_client, first.refresh_token).status_code == 401


def test_a_reused_refresh_token_revokes_the_whole_login(api_client, user):
    first = tokens_issue(user=user)
    other_device = tokens_issue(user=user)
    second = _refresh(api_client, first.refresh_token).json()

    reuse = _refresh(api_client, first.refresh_token)

    assert reuse.status_code == 401
    assert reuse.json()["error"]["code"] == "invalid_refresh_token"
    assert _refresh(api_client, second["refreshToken"]).status_code == 401
    assert api_client.get(ME, **bearer(second["accessToken"])).status_code == 401
    # Only the compromised login is revoked; the user's other device stays signed in.
    assert LoginSession.objects.filter(user=user).count() == 1
    assert api_client.get(ME, **bearer(other_device.access_token)).status_code == 200


@pytest.mark.parametrize("token", ["garbage", "a.b.c", "x" * 5000])
def test_a_malformed_refresh_token_is_refused_without_a_server_error(api_client, token):
    response = _refresh(api_client, token)
    assert response.status_code == (400 if len(token) > 4096 else 401)
    assert response.json()["error"]["code"] in {"invalid", "invalid_refresh_token"}


def test_an_access_token_is_not_accepted_as_a_refresh_token(api_client, user):
    tokens = tokens_issue(user=user)
    assert _refresh(api_client, tokens.access_token).status_code == 401
    assert LoginSession.objects.filter(user=user).count() == 1


def test_a_refresh_token_is_not_accepted_as_an_access_token(api_client, user):
    tokens = tokens_issue(user=user)
    assert api_client.get(ME, **bearer(tokens.refresh_token)).status_code == 401


def test_an_expired_refresh_token_is_refused(api_client, user):
    tokens = tokens_issue(user=user)
    payload = jwt_tokens.decode_token(tokens.refresh_token, "refresh")
    expired, _ = jwt_tokens.create_token(
        "refresh", sub=payload["sub"], sid=payload["sid"], expires_in=-60
    )
    assert _refresh(api_client, expired).status_code == 401


def test_a_refresh_token_signed_with_another_key_is_refused(api_client, user):
    genuine = jwt_tokens.decode_token(tokens_issue(user=user).refresh_token, "refresh")
    forged = jwt.encode(genuine, "not-the-server-secret-but-long-enough-0123", algorithm="HS256")
    assert _refresh(api_client, forged).status_code == 401
    assert LoginSession.objects.filter(user=user).count() == 1


def test_refresh_after_the_account_is_deleted_is_401(api_client, user):
    tokens = tokens_issue(user=user)
    user.delete()
    assert _refresh(api_client, tokens.refresh_token).status_code == 401


def test_refresh_ignores_an_expired_bearer_header(api_client, user):
    tokens = tokens_issue(user=user)
    response = api_client.post(
        REFRESH, {"refreshToken": tokens.refresh_token}, **bearer("expired.access.token")
    )
    assert response.status_code == 200


def test_refresh_is_throttled_per_client_ip(api_client):
    for _ in range(60):
        assert _refresh(api_client, "garbage").status_code == 401
    response = _refresh(api_client, "garbage")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_logout_revokes_the_current_login_only(api_client, user):
    current, other = tokens_issue(user=user), tokens_issue(user=user)
    response = api_client.post(LOGOUT, **bearer(current.access_token))
    assert response.status_code == 204
    assert api_client.get(ME, **bearer(current.access_token)).status_code == 401
    assert _refresh(api_client, current.refresh_token).status_code == 401
    assert api_client.get(ME, **bearer(other.access_token)).status_code == 200
    assert _refresh(api_client, other.refresh_token).status_code == 200


def test_logout_without_a_token_is_401(api_client, user):
    tokens_issue(user=user)
    response = api_client.post(LOGOUT)
    assert response.status_code == 401
    assert LoginSession.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_refreshes_of_one_token_never_both_succeed():
    user = UserFactory()
    token = tokens_issue(user=user).refresh_token
    results = run_concurrently(lambda: tokens_refresh(refresh_token=token))
    failures = [r for r in results if isinstance(r, Exception)]
    assert len(failures) == 1 and isinstance(failures[0], ApiError)
    assert failures[0].status_code == 401
    # The loser presented a rotated token: reuse, so the winner's login is revoked too.
    assert not LoginSession.objects.filter(user=user).exists()
