from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/user/me"


def test_user_me_returns_the_same_profile_as_auth_me(auth_client):
    response = auth_client.get(URL)
    assert response.status_code == 200
    assert response.json() == auth_client.get("/api/auth/me").json()
    assert set(response.json()) == {
        "id",
        "email",
        "displayName",
        "avatarUrl",
        "primaryInstrument",
        "skillLevel",
        "authProvider",
        "isStaff",
        "createdAt",
    }


def test_a_user_changes_their_display_name(auth_client):
    response = auth_client.patch(URL, {"displayName": "  Clara W.  "})
    assert response.status_code == 200
    assert response.json()["displayName"] == "Clara W."
    auth_client.user.refresh_from_db()
    assert auth_client.user.display_name == "Clara W."


def test_a_display_name_over_100_characters_is_refused(auth_client):
    before = auth_client.user.display_name
    response = auth_client.patch(URL, {"displayName": "x" * 101})
    assert response.status_code == 400
    assert "displayName" in response.json()["error"]["details"]
    auth_client.user.refresh_from_db()
    assert auth_client.user.display_name == before


def test_an_empty_patch_is_refused(auth_client):
    response = auth_client.patch(URL, {})
    assert response.status_code == 400
    assert "displayName" in response.json()["error"]["details"]["nonFieldErrors"][0]


def test_the_profile_needs_a_token(api_client):
    assert api_client.get(URL).status_code == 401
    assert api_client.patch(URL, {"displayName": "x"}).status_code == 401
    assert api_client.delete(URL).status_code == 401
