"""The audit trail: security-relevant actions are recorded under pseudonyms, survive the
account's deletion, and hold no personal data."""

from __future__ import annotations

import json

import pytest

from accounts.models import AuditEvent, AuditPseudonym, LoginSession
from accounts.services import tokens_issue, user_delete
from tests.accounts.conftest import bearer
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores", "dictionary"])
PASSWORD = "correct horse battery staple"


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("at"))


def ref_of(user) -> str:
    return AuditPseudonym.objects.get(user=user).ref


def staff_client(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    AuditEvent.objects.all().delete()  # force_login's own sign-in event
    return staff


def test_a_magic_link_sign_in_is_recorded_under_a_pseudonym(sign_in):
    body = sign_in("Pianist@Example.com")
    (event,) = events("sign_in")
    user_id = body["user"]["id"]
    assert event.actor_ref == AuditPseudonym.objects.get(user_id=user_id).ref
    assert event.detail == {"method": "magic_link"}
    assert user_id not in event.actor_ref


def test_the_event_carries_the_request_id_of_the_request(api_client, user):
    tokens = tokens_issue(user=user)
    api_client.post(
        "/api/auth/logout", headers={"X-Request-ID": "req-logout"}, **bearer(tokens.access_token)
    )
    (event,) = events("logout")
    assert (event.actor_ref, event.request_id) == (ref_of(user), "req-logout")


def test_a_reused_refresh_token_is_recorded(api_client, user):
    first = tokens_issue(user=user)
    api_client.post("/api/auth/refresh", {"refreshToken": first.refresh_token}, format="json")
    api_client.post("/api/auth/refresh", {"refreshToken": first.refresh_token}, format="json")
    (event,) = events("refresh_token_reuse")
    assert event.actor_ref == ref_of(user)


def test_an_account_export_is_recorded(auth_client):
    response = auth_client.get("/api/user/me/export")
    b"".join(response.streaming_content)
    (event,) = events("account_export")
    assert event.actor_ref == ref_of(auth_client.user)


def test_the_export_includes_the_users_audit_events(auth_client):
    auth_client.get("/api/user/me/export")
    response = auth_client.get("/api/user/me/export")
    document = json.loads(b"".join(response.streaming_content))
    actions = [row["action"] for row in document["parts"]["accounts"]["auditEvents"]]
    assert actions == ["account_export", "account_export"]


def test_a_deletion_is_recorded_and_the_trail_survives_without_naming_the_user(auth_client):
    user = auth_client.user
    auth_client.get("/api/user/me/export")
    ref = ref_of(user)
    assert auth_client.delete("/api/user/me").status_code == 204
    (deleted,) = events("account_delete")
    assert (deleted.actor_ref, deleted.target_type, deleted.target_id) == (ref, "user", ref)
    assert AuditEvent.objects.filter(actor_ref=ref).count() == 2  # the export, the deletion
    assert not AuditPseudonym.objects.filter(ref=ref).exists()  # nothing links ref to anyone
    stored = json.dumps(list(AuditEvent.objects.values()), default=str)
    for personal in (user.pk, user.email, user.display_name):
        assert personal not in stored


def test_a_deletion_by_staff_names_the_staff_member_as_actor(client):
    staff = staff_client(client)
    user = UserFactory()
    user_delete(user=user, actor=staff)
    (event,) = events("account_delete")
    assert (event.actor_ref, event.actor_is_staff) == (ref_of(staff), True)
    assert event.target_type == "user"
    assert event.target_id and event.target_id != user.pk
    assert event.detail == {"by_staff": True}


def test_a_password_sign_in_to_the_admin_is_recorded(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    staff.set_password(PASSWORD)
    staff.save()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": staff.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    (event,) = events("sign_in")
    assert (event.actor_ref, event.detail) == (ref_of(staff), {"method": "password"})


def test_a_failed_admin_sign_in_is_recorded_without_the_address_tried(client):
    client.post("/admin/login/", {"username": "someone@example.com", "password": "wrong"})
    (event,) = events("sign_in_failed")
    assert event.actor_ref == ""
    assert "someone" not in json.dumps(event.detail)


def test_a_user_edit_in_the_admin_is_recorded_by_field_name_only(client):
    staff = staff_client(client)
    user = UserFactory(display_name="Old Name")
    url = f"/admin/accounts/user/{user.pk}/change/"
    form = {
        "email": user.email,
        "display_name": "New Name",
        "auth_provider": "magic_link",
        "is_active": "on",
    }
    assert client.post(url, form).status_code == 302
    (event,) = events("admin_change")
    assert (event.actor_ref, event.actor_is_staff) == (ref_of(staff), True)
    assert (event.target_type, event.target_id) == ("user", ref_of(user))
    assert event.detail == {"fields": ["Display name"]}
    assert "New Name" not in json.dumps(event.detail)


def test_revoking_logins_in_the_admin_is_recorded_per_user(client):
    staff = staff_client(client)
    user = UserFactory()
    tokens_issue(user=user)
    tokens_issue(user=user)
    keys = list(LoginSession.objects.filter(user=user).values_list("pk", flat=True))
    response = client.post(
        "/admin/accounts/loginsession/",
        {"action": "revoke", "_selected_action": keys},
    )
    assert response.status_code == 302
    (event,) = events("login_revoke")
    assert (event.actor_ref, event.target_id, event.detail) == (
        ref_of(staff),
        ref_of(user),
        {"logins": 2},
    )
    assert not any(key in json.dumps(event.detail) + event.target_id for key in keys)


def test_staff_read_the_trail_filtered_by_action(client, user):
    staff_client(client)
    tokens = tokens_issue(user=user)
    client.post("/api/auth/logout", **bearer(tokens.access_token))
    tokens_issue(user=user)
    response = client.get("/admin/accounts/auditevent/?action=logout")
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert [e.action for e in shown] == ["logout"]
    assert user.email in response.content.decode()  # a living account is named to staff


def test_staff_find_a_users_events_by_address(client, user):
    staff_client(client)
    other = UserFactory()
    for person in (user, other):
        client.post("/api/auth/logout", **bearer(tokens_issue(user=person).access_token))
    response = client.get("/admin/accounts/auditevent/", {"q": user.email})
    shown = list(response.context["cl"].result_list)
    assert [e.actor_ref for e in shown] == [ref_of(user)]


def test_the_trail_is_read_only_in_the_admin(client):
    staff_client(client)
    tokens_issue(user=UserFactory())
    event = AuditEvent.objects.create(action="logout")
    assert client.get("/admin/accounts/auditevent/add/").status_code == 403
    response = client.post(f"/admin/accounts/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
