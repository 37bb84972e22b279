from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from accounts.models import LoginSession
from accounts.services import tokens_issue
from sync.models import SyncData
from sync.services import entity_write
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores", "dictionary"])

CHANGELIST = "/admin/accounts/user/"


@pytest.fixture
def staff_client(client):
    staff = UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)
    client.force_login(staff)
    return client


def _sync(user, n: int) -> None:
    for i in range(n):
        entity_write(user=user, entity_type="logbook_entry", entity_id=f"e{i}", data={})


def test_the_user_list_shows_each_users_synced_entity_count(staff_client):
    busy = UserFactory(email="busy@example.com")
    _sync(busy, 3)
    response = staff_client.get(CHANGELIST, {"q": "busy@"})
    assert response.status_code == 200
    (row,) = response.context["cl"].result_list
    assert row == busy and row.synced_entity_count == 3
    assert "synced entities" in response.content.decode().lower()


def test_users_are_searchable_by_name(staff_client):
    UserFactory(email="a@example.com", display_name="Clara Schumann")
    UserFactory(email="b@example.com", display_name="Fanny Mendelssohn")
    response = staff_client.get(CHANGELIST, {"q": "schumann"})
    assert [u.email for u in response.context["cl"].result_list] == ["a@example.com"]


def test_users_filter_by_provider_and_staff(staff_client):
    UserFactory(email="g@example.com", auth_provider="google", google_id="g-1")
    UserFactory(email="m@example.com")
    by_provider = staff_client.get(CHANGELIST, {"auth_provider__exact": "google"})
    assert [u.email for u in by_provider.context["cl"].result_list] == ["g@example.com"]
    by_staff = staff_client.get(CHANGELIST, {"is_staff__exact": "1"})
    assert [u.email for u in by_staff.context["cl"].result_list] == ["staff@example.com"]


def test_deleting_a_user_in_the_admin_erases_them_like_the_api(staff_client):
    doomed = UserFactory(email="doomed@example.com")
    tokens_issue(user=doomed)
    _sync(doomed, 2)
    response = staff_client.post(
        f"/admin/accounts/user/{doomed.pk}/delete/", {"post": "yes"}, follow=True
    )
    assert response.status_code == 200
    assert not SyncData.objects.exists()
    assert not LoginSession.objects.filter(user_id=doomed.pk).exists()


def test_staff_revoke_logins_with_a_bulk_action(staff_client):
    user = UserFactory()
    tokens_issue(user=user)
    sessions = list(LoginSession.objects.filter(user=user).values_list("pk", flat=True))
    response = staff_client.post(
        "/admin/accounts/loginsession/",
        {"action": "revoke", "_selected_action": sessions},
        follow=True,
    )
    assert "Revoked 1 login(s)." in response.content.decode()
    assert not LoginSession.objects.filter(user=user).exists()


def test_the_admin_needs_staff(client, user):
    client.force_login(user)
    assert client.get(CHANGELIST).status_code == 302
    assert not Permission.objects.filter(user=user).exists()
