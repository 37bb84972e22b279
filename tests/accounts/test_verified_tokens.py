"""Kept token verifications (accounts.selectors.verified_tokens) and the one-row login read:
what is kept between requests is exact, expiry is checked at every use, and the user built
from the joined row is the one the ORM would load."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.utils import timezone

from accounts.models import LoginSession, User
from accounts.selectors import access_tokens, verified_tokens
from accounts.services import tokens_issue
from tests.accounts.conftest import bearer
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

ME = "/api/auth/me"


def test_a_verified_token_is_kept_with_its_session_key(user, monkeypatch):
    token = tokens_issue(user=user).access_token
    verified_tokens.verified_tokens.clear()  # other tests' tokens may fill it
    claims, session_key = verified_tokens.verified_access_token(token)
    assert claims["sub"] == str(user.pk)
    assert LoginSession.objects.filter(session_key=session_key, user=user).exists()
    assert len(verified_tokens.verified_tokens) == 1

    def no_second_check(*args, **kwargs):
        raise AssertionError("a kept token was verified again")

    monkeypatch.setattr(verified_tokens.jwt_tokens, "decode_token", no_second_check)
    assert verified_tokens.verified_access_token(token) == (claims, session_key)


def test_a_kept_token_is_refused_once_it_expires(user, monkeypatch):
    token = tokens_issue(user=user).access_token
    claims, _ = verified_tokens.verified_access_token(token)
    monkeypatch.setattr(verified_tokens, "_clock", lambda: claims["exp"])
    assert verified_tokens.verified_access_token(token) is None


def test_a_kept_token_is_refused_once_the_signing_secret_changes(user):
    token = tokens_issue(user=user).access_token
    assert verified_tokens.verified_access_token(token) is not None
    with override_settings(SECRET_KEY="another-secret-key-0123456789-abcdefghijklmnopqrstuv"):
        assert verified_tokens.verified_access_token(token) is None


def test_a_tampered_copy_of_a_kept_token_is_refused_and_not_kept(user):
    token = tokens_issue(user=user).access_token
    assert verified_tokens.verified_access_token(token) is not None
    kept = len(verified_tokens.verified_tokens)
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload}.{signature[:-4]}AAAA"
    assert verified_tokens.verified_access_token(tampered) is None
    assert len(verified_tokens.verified_tokens) == kept


def test_a_refresh_token_is_not_an_access_token(user):
    refresh = tokens_issue(user=user).refresh_token
    assert verified_tokens.verified_access_token(refresh) is None


def test_each_caller_gets_its_own_copy_of_the_claims(user):
    token = tokens_issue(user=user).access_token
    first, _ = verified_tokens.verified_access_token(token)
    first["sub"] = "someone else"
    again, _ = verified_tokens.verified_access_token(token)
    assert again["sub"] == str(user.pk)


def test_an_expired_token_is_refused_by_the_api_after_being_accepted(api_client, user, monkeypatch):
    token = tokens_issue(user=user).access_token
    assert api_client.get(ME, **bearer(token)).status_code == 200
    claims, _ = verified_tokens.verified_access_token(token)
    monkeypatch.setattr(verified_tokens, "_clock", lambda: claims["exp"] + 1)
    assert api_client.get(ME, **bearer(token)).status_code == 401


def test_a_login_row_whose_data_changed_is_decoded_again(api_client, user):
    token = tokens_issue(user=user).access_token
    assert api_client.get(ME, **bearer(token)).status_code == 200
    login = LoginSession.objects.get(user=user)
    store = LoginSession.get_session_store_class()()
    data = {**store.decode(login.session_data), SESSION_KEY: str(UserFactory().pk)}
    LoginSession.objects.filter(pk=login.pk).update(session_data=store.encode(data))
    assert api_client.get(ME, **bearer(token)).status_code == 401


def test_the_user_read_with_the_login_is_the_one_the_orm_loads(user):
    User.objects.filter(pk=user.pk).update(
        is_staff=True, last_login=timezone.now() - timedelta(hours=3), display_name="Clara"
    )
    token = tokens_issue(user=user).access_token
    session_key = verified_tokens.verified_access_token(token)[1]
    loaded, _ = access_tokens._live_login(session_key)
    expected = User.objects.get(pk=user.pk)
    for field in User._meta.concrete_fields:
        got, want = getattr(loaded, field.attname), getattr(expected, field.attname)
        assert (got, type(got)) == (want, type(want)), field.name
    assert loaded._state.adding is False and loaded._state.db == expected._state.db
