from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from accounts.models import User
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_ids_are_application_generated_sortable_strings():
    first, second = UserFactory(), UserFactory()
    assert len(first.pk) == 26 and first.pk.isalnum()
    assert first.pk < second.pk


def test_email_is_stored_lowercased_and_unique_regardless_of_case():
    User.objects.create_user("Ana@Example.COM")
    assert User.objects.filter(email="ana@example.com").exists()
    with pytest.raises(IntegrityError):
        User.objects.create_user("ANA@example.com")


def test_new_users_sign_in_by_magic_link_and_have_no_password():
    user = User.objects.create_user("ben@example.com")
    assert user.auth_provider == "magic_link"
    assert not user.has_usable_password()
    assert user.google_id is None


def test_staff_made_with_createsuperuser_log_into_the_admin(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-strong-staff-passphrase")
    call_command("createsuperuser", "--noinput", "--email", "staff@example.com")
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "staff@example.com", "password": "a-strong-staff-passphrase"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/?q=staff").status_code == 200
