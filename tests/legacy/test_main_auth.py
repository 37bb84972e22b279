"""Legacy sign-in (the client's calls §2): magic link, the refresh-token cookie, logout, /user/me,
in the original's shapes, with our checks and throttles."""

from __future__ import annotations

import pytest
from django.core import mail

from accounts.models import LoginSession, LoginToken
from accounts.services import tokens_issue
from tests.accounts.conftest import bearer, last_mailed_token
from tests.accounts.factories import UserFactory
from tests.legacy.main_support import API, COOKIE, assert_legacy_error, sign_in

pytestmark = pytest.mark.django_db(databases=["default"])

REQUEST, VERIFY = f"{API}/auth/request-magic-link", f"{API}/auth/verify-magic-link"
REFRESH, LOGOUT, ME = f"{API}/auth/refresh", f"{API}/auth/logout", f"{API}/user/me"


# --- request a link --------------------------------------------------------------------------


def test_requesting_a_link_mails_it_and_answers_success(api_client):
    response = api_client.post(REQUEST, {"email": "Ana@Example.com"})
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True and isinstance(body["message"], str)
    assert body["expiresIn"] == 900
    assert mail.outbox[-1].to == ["ana@example.com"]
    assert LoginToken.objects.get().email == "ana@example.com"


def test_a_bad_address_is_a_legacy_400_naming_the_field(api_client):
    body = assert_legacy_error(api_client.post(REQUEST, {"email": "not-an-address"}), 400)
    assert body["error"].startswith("email:")
    assert not LoginToken.objects.exists()


def test_an_expired_bearer_does_not_block_requesting_a_link(api_client):
    response = api_client.post(REQUEST, {"email": "ana@example.com"}, **bearer("expired.x.y"))
    assert response.status_code == 200


def test_requesting_links_is_throttled_per_address_across_both_wires(api_client):
    for url in ("/api/auth/request-magic-link", REQUEST) * 2 + (REQUEST,):
        assert api_client.post(url, {"email": "ana@example.com"}).status_code == 200
    response = api_client.post(REQUEST, {"email": "ana@example.com"})
    assert_legacy_error(response, 429)
    assert int(response["Retry-After"]) > 0
    assert len(mail.outbox) == 5


# --- verify ----------------------------------------------------------------------------------


def test_verify_answers_the_original_shape_with_success_and_role(api_client):
    body = sign_in(api_client, "ana@example.com")
    assert body["success"] is True and body["expiresIn"] == 900
    assert body["accessToken"] and body["refreshToken"]
    user = body["user"]
    assert (user["email"], user["authProvider"], user["role"]) == (
        "ana@example.com",
        "magic_link",
        "user",
    )
    assert {"id", "displayName", "createdAt"} <= user.keys()
    assert api_client.get(ME, **bearer(body["accessToken"])).status_code == 200


def test_verify_sets_an_httponly_lax_refresh_cookie_on_the_auth_path(api_client, settings):
    settings.LEGACY_COOKIE_DOMAIN = ".mirubato.test"
    api_client.post(REQUEST, {"email": "ana@example.com"})
    response = api_client.post(VERIFY, {"token": last_mailed_token()})
    cookie = response.cookies[COOKIE]
    assert cookie.value == response.json()["refreshToken"]
    assert cookie["httponly"] and cookie["secure"]  # tests run with DEBUG off
    assert (cookie["samesite"], cookie["path"]) == ("Lax", f"{API}/auth")
    assert cookie["domain"] == ".mirubato.test"
    assert int(cookie["max-age"]) == settings.HEADLESS_JWT_REFRESH_TOKEN_EXPIRES_IN


def test_the_cookie_is_not_secure_in_debug_and_has_no_domain_by_default(api_client, settings):
    settings.DEBUG = True
    cookie = _verified(api_client).cookies[COOKIE]
    assert not cookie["secure"] and not cookie["domain"]


def test_the_cookie_survives_cors_because_legacy_answers_allow_credentials(api_client, settings):
    api_client.post(REQUEST, {"email": "ana@example.com"})
    origin = settings.CORS_ALLOWED_ORIGINS[0]
    response = api_client.post(VERIFY, {"token": last_mailed_token()}, HTTP_ORIGIN=origin)
    assert response["Access-Control-Allow-Origin"] == origin
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert COOKIE in response.cookies


def test_a_used_link_is_a_legacy_401_and_sets_no_cookie(api_client):
    api_client.post(REQUEST, {"email": "ana@example.com"})
    token = last_mailed_token()
    assert api_client.post(VERIFY, {"token": token}).status_code == 200
    response = api_client.post(VERIFY, {"token": token})
    assert_legacy_error(response, 401)
    assert COOKIE not in response.cookies


def test_verify_without_a_token_is_a_legacy_400(api_client):
    assert_legacy_error(api_client.post(VERIFY, {}), 400)


def test_verify_is_throttled_per_client_ip(api_client):
    for _ in range(20):
        assert api_client.post(VERIFY, {"token": "guess"}).status_code == 401
    assert_legacy_error(api_client.post(VERIFY, {"token": "guess"}), 429)


def _verified(client):
    client.post(REQUEST, {"email": "ana@example.com"})
    return client.post(VERIFY, {"token": last_mailed_token()})


# --- refresh ---------------------------------------------------------------------------------


def test_refresh_with_the_cookie_and_no_body_rotates_into_a_new_cookie(api_client):
    first = sign_in(api_client, "ana@example.com")
    response = api_client.post(REFRESH)
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True and body["expiresIn"] == 900
    assert "refreshToken" not in body  # a cookie caller keeps it in the cookie only
    new_cookie = response.cookies[COOKIE].value
    assert new_cookie and new_cookie != first["refreshToken"]
    assert api_client.get(ME, **bearer(body["accessToken"])).status_code == 200
    assert api_client.post(REFRESH).status_code == 200  # the rotated cookie works in turn


def test_refresh_with_a_body_token_answers_it_in_the_body_and_the_cookie(api_client, user):
    tokens = tokens_issue(user=user)
    response = api_client.post(REFRESH, {"refreshToken": tokens.refresh_token})
    assert response.status_code == 200
    body = response.json()
    assert body["refreshToken"] == response.cookies[COOKIE].value != tokens.refresh_token


def test_a_reused_refresh_cookie_ends_the_login_and_is_cleared(api_client):
    signed_in = sign_in(api_client, "ana@example.com")
    stolen = api_client.cookies[COOKIE].value
    rotated = api_client.post(REFRESH).json()
    api_client.cookies[COOKIE] = stolen

    response = api_client.post(REFRESH)

    assert_legacy_error(response, 401)
    assert response.cookies[COOKIE].value == "" and response.cookies[COOKIE]["max-age"] == 0
    assert not LoginSession.objects.exists()
    for access in (signed_in["accessToken"], rotated["accessToken"]):
        assert api_client.get(ME, **bearer(access)).status_code == 401


def test_refresh_without_a_cookie_or_body_is_a_legacy_401(api_client):
    body = assert_legacy_error(api_client.post(REFRESH), 401)
    assert body["errorCode"] == "invalid_refresh_token"


def test_a_bad_body_token_is_a_legacy_401_and_leaves_the_cookie_alone(api_client):
    sign_in(api_client, "ana@example.com")
    response = api_client.post(REFRESH, {"refreshToken": "garbage"})
    assert_legacy_error(response, 401)
    assert COOKIE not in response.cookies
    assert api_client.post(REFRESH).status_code == 200


def test_refresh_is_throttled_per_client_ip(api_client):
    for _ in range(60):
        assert api_client.post(REFRESH, {"refreshToken": "garbage"}).status_code == 401
    assert_legacy_error(api_client.post(REFRESH, {"refreshToken": "garbage"}), 429)


# --- logout and /user/me ---------------------------------------------------------------------


def test_logout_ends_the_login_and_clears_the_cookie(api_client):
    body = sign_in(api_client, "ana@example.com")
    response = api_client.post(LOGOUT, **bearer(body["accessToken"]))
    assert response.status_code == 200
    assert response.json() == {"success": True, "message": "Logged out successfully"}
    cookie = response.cookies[COOKIE]
    assert cookie.value == "" and cookie["max-age"] == 0 and cookie["path"] == f"{API}/auth"
    assert not LoginSession.objects.exists()
    api_client.cookies[COOKIE] = body["refreshToken"]  # a kept copy is dead too
    assert_legacy_error(api_client.post(REFRESH), 401)


def test_logout_without_a_token_is_a_legacy_401_that_still_clears_the_cookie(api_client):
    sign_in(api_client, "ana@example.com")
    response = api_client.post(LOGOUT)
    assert_legacy_error(response, 401)
    assert response.cookies[COOKIE].value == ""
    assert LoginSession.objects.count() == 1


def test_me_answers_the_profile_with_role_user(auth_client):
    body = auth_client.get(ME).json()
    assert body["id"] == auth_client.user.pk and body["role"] == "user"
    assert body["email"] == auth_client.user.email and "success" not in body


def test_me_of_a_staff_member_has_role_admin(make_auth_client):
    client = make_auth_client(UserFactory(is_staff=True))
    assert client.get(ME).json()["role"] == "admin"


def test_me_anonymous_or_with_a_dead_token_is_a_legacy_401(api_client, user):
    assert_legacy_error(api_client.get(ME), 401)
    tokens = tokens_issue(user=user)
    LoginSession.objects.all().delete()
    assert_legacy_error(api_client.get(ME, **bearer(tokens.access_token)), 401)


def test_deleting_the_account_is_not_offered_on_the_legacy_path(auth_client):
    assert_legacy_error(auth_client.delete(ME), 405)
    assert auth_client.get(ME).status_code == 200
