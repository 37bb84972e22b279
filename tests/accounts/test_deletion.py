"""DELETE /api/user/me erases the user everywhere. The leftover check is generic: it walks every
model of every app on every database, so tables that later issues add are covered too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.utils import timezone

from accounts.models import LoginSession, LoginToken, User
from accounts.services import tokens_issue
from accounts.services.deletion import user_delete
from accounts.userdata import UserDataPart
from repertoire.models import UserRepertoire
from sync.services import entity_write
from tests.accounts.conftest import bearer
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores", "dictionary"])

URL = "/api/user/me"
USER_FIELD_NAMES = {"user", "user_id", "owner", "owner_id"}


def _user_columns(model) -> list[tuple[str, str]]:
    """(column attribute, what it holds) for every field of `model` that points at a user."""
    columns = []
    for field in model._meta.concrete_fields:
        points_at_user = field.is_relation and field.related_model is User
        if field.name in USER_FIELD_NAMES or points_at_user:
            columns.append((field.attname, "pk"))
        elif field.name == "email" and model is not User:
            columns.append((field.attname, "email"))
    return columns


def rows_about(user: User) -> list[str]:
    """Every row, in any model of any database, that still names `user`."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        manager = model._base_manager.using(router.db_for_read(model))
        for attname, holds in _user_columns(model):
            value = user.pk if holds == "pk" else user.email
            if manager.filter(**{attname: value}).exists():
                found.append(f"{model._meta.label}.{attname}")
    if User.objects.filter(pk=user.pk).exists():
        found.append("accounts.User")
    return found


def _give_data(user: User) -> None:
    tokens_issue(user=user)
    LoginToken.objects.create(
        email=user.email, token_hash=user.pk.ljust(64, "0"), expires_at=timezone.now()
    )
    SocialAccount.objects.create(user=user, provider="google", uid=f"g-{user.pk}")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.groups.add(Group.objects.get_or_create(name="testers")[0])
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(User),
        object_id=user.pk,
        object_repr=str(user),
        action_flag=ADDITION,
    )
    entity_write(user=user, entity_type="logbook_entry", entity_id="e1", data={"a": 1})
    UserRepertoire.objects.create(user=user, score_id="bach-prelude")


def test_deleting_the_account_leaves_no_row_of_the_user_in_any_database(auth_client):
    user, other = auth_client.user, UserFactory()
    _give_data(user)
    _give_data(other)
    assert len(rows_about(user)) >= 8  # the check sees what was stored

    response = auth_client.delete(URL)

    assert response.status_code == 204
    assert rows_about(user) == []
    assert len(rows_about(other)) >= 8  # nobody else's data is touched


def test_the_access_token_stops_working_once_the_account_is_deleted(auth_client):
    assert auth_client.delete(URL).status_code == 204
    response = auth_client.get("/api/auth/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_deletion_revokes_every_login_on_every_device(api_client, user):
    first, second = tokens_issue(user=user), tokens_issue(user=user)
    assert api_client.delete(URL, **bearer(first.access_token)).status_code == 204
    assert api_client.get("/api/auth/me", **bearer(second.access_token)).status_code == 401
    refresh = api_client.post("/api/auth/refresh", {"refreshToken": second.refresh_token})
    assert refresh.status_code == 401
    assert not LoginSession.objects.exists()


def test_deletion_asks_every_registered_part_to_erase(auth_client, user_data_registry):
    erased: list[str] = []
    user_data_registry["scores-like"] = UserDataPart(
        "scores-like", "scores", lambda u: iter(()), lambda u: erased.append(u.pk) or {"x": 1}
    )
    assert auth_client.delete(URL).status_code == 204
    assert erased == [auth_client.user.pk]


def test_a_failing_part_leaves_the_account_signed_in_so_deletion_can_be_retried(
    user, user_data_registry
):
    tokens_issue(user=user)

    def fail(u):
        raise RuntimeError("storage down")

    user_data_registry["broken"] = UserDataPart("broken", "scores", lambda u: iter(()), fail)
    with pytest.raises(RuntimeError):
        user_delete(user=user)
    assert User.objects.filter(pk=user.pk).exists()
    assert LoginSession.objects.filter(user=user).exists()
    del user_data_registry["broken"]
    user_delete(user=user)
    assert rows_about(user) == []


def test_expired_login_tokens_of_the_address_are_erased_too(user):
    LoginToken.objects.create(
        email=user.email, token_hash="f" * 64, expires_at=timezone.now() - timedelta(days=1)
    )
    user_delete(user=user)
    assert not LoginToken.objects.exists()
