"""Bearer access tokens: one query per request, and every revocation still takes effect on
the next request (the login row is read every time; only a token's verification is kept)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import LoginSession
from accounts.services import tokens_issue
from tests.accounts.conftest import bearer
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

ME = "/api/auth/me"


def test_an_authenticated_read_costs_one_query(api_client, user):
    token = tokens_issue(user=user).access_token
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(ME, **bearer(token))
    assert response.status_code == 200 and response.json()["id"] == user.pk
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_a_deactivated_user_is_refused_at_the_next_request(api_client, user):
    token = tokens_issue(user=user).access_token
    assert api_client.get(ME, **bearer(token)).status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert api_client.get(ME, **bearer(token)).status_code == 401


def test_a_deleted_login_session_is_refused_at_the_next_request(api_client, user):
    token = tokens_issue(user=user).access_token
    assert api_client.get(ME, **bearer(token)).status_code == 200
    LoginSession.objects.filter(user=user).delete()
    assert api_client.get(ME, **bearer(token)).status_code == 401


def test_an_expired_login_session_is_refused(api_client, user):
    token = tokens_issue(user=user).access_token
    LoginSession.objects.filter(user=user).update(expire_date=timezone.now() - timedelta(1))
    assert api_client.get(ME, **bearer(token)).status_code == 401


def test_a_login_whose_session_hash_is_stale_is_refused_and_ended(api_client, user):
    token = tokens_issue(user=user).access_token
    user.set_password("a new password ends every earlier login")
    user.save()
    assert api_client.get(ME, **bearer(token)).status_code == 401
    assert not LoginSession.objects.filter(user=user).exists()


def test_a_login_row_pointing_at_another_user_is_refused(api_client, user):
    token = tokens_issue(user=user).access_token
    LoginSession.objects.filter(user=user).update(user=UserFactory())
    assert api_client.get(ME, **bearer(token)).status_code == 401


def test_a_login_row_without_its_user_column_still_authenticates(api_client, user):
    token = tokens_issue(user=user).access_token
    LoginSession.objects.filter(user=user).update(user=None)
    response = api_client.get(ME, **bearer(token))
    assert response.status_code == 200 and response.json()["id"] == user.pk
