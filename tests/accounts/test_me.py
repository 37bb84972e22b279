from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_me_returns_the_signed_in_users_profile(auth_client):
    response = auth_client.get("/api/auth/me")
    assert response.status_code == 200
    user = auth_client.user
    assert response.json() == {
        "id": user.pk,
        "email": user.email,
        "displayName": user.display_name,
        "avatarUrl": None,
        "primaryInstrument": None,
        "skillLevel": None,
        "authProvider": "magic_link",
        "isStaff": False,
        "createdAt": user.created_at.isoformat().replace("+00:00", "Z"),
    }


def test_me_without_a_token_is_401(api_client):
    response = api_client.get("/api/auth/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_me_after_the_user_is_deleted_is_401(auth_client):
    auth_client.user.delete()
    response = auth_client.get("/api/auth/me")
    assert response.status_code == 401
