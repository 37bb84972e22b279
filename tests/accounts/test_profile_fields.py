"""The profile's avatar, primary instrument and skill level (the system design's users row)."""

from __future__ import annotations

import json

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db
ALL = ["default", "scores", "dictionary"]

URL = "/api/user/me"


def test_a_user_sets_avatar_instrument_and_level(auth_client):
    body = {
        "avatarUrl": "https://example.com/me.png",
        "primaryInstrument": "guitar",
        "skillLevel": "intermediate",
    }
    response = auth_client.patch(URL, body, format="json")
    assert response.status_code == 200
    assert {k: response.json()[k] for k in body} == body
    user = User.objects.get(pk=auth_client.user.pk)
    assert (user.avatar_url, user.primary_instrument, user.skill_level) == (
        "https://example.com/me.png",
        "guitar",
        "intermediate",
    )


def test_patch_leaves_the_fields_it_does_not_name(auth_client):
    auth_client.patch(URL, {"primaryInstrument": "piano"}, format="json")
    auth_client.patch(URL, {"displayName": "Clara"}, format="json")
    assert User.objects.get(pk=auth_client.user.pk).primary_instrument == "piano"


def test_null_or_empty_clears_a_field(auth_client):
    auth_client.patch(URL, {"primaryInstrument": "piano", "skillLevel": "advanced"}, format="json")
    response = auth_client.patch(URL, {"primaryInstrument": None, "skillLevel": ""}, format="json")
    assert (response.json()["primaryInstrument"], response.json()["skillLevel"]) == (None, None)


def test_put_replaces_the_profile_and_clears_what_it_leaves_out(auth_client):
    auth_client.patch(
        URL, {"skillLevel": "advanced", "avatarUrl": "https://a.b/c.png"}, format="json"
    )
    response = auth_client.put(
        URL, {"displayName": "Clara", "primaryInstrument": "piano"}, format="json"
    )
    body = response.json()
    assert (body["displayName"], body["primaryInstrument"]) == ("Clara", "piano")
    assert (body["skillLevel"], body["avatarUrl"]) == (None, None)


def test_put_needs_the_display_name(auth_client):
    response = auth_client.put(URL, {"skillLevel": "advanced"}, format="json")
    assert response.status_code == 400 and "displayName" in response.json()["error"]["details"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"primaryInstrument": "harp"}, "primaryInstrument"),
        ({"skillLevel": "expert"}, "skillLevel"),
        ({"avatarUrl": "not a url"}, "avatarUrl"),
        ({"avatarUrl": "ftp://example.com/me.png"}, "avatarUrl"),
        ({"avatarUrl": "https://example.com/" + "x" * 500}, "avatarUrl"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_field_and_changes_nothing(auth_client, body, field):
    response = auth_client.patch(URL, body, format="json")
    assert response.status_code == 400 and field in response.json()["error"]["details"]
    user = User.objects.get(pk=auth_client.user.pk)
    assert (user.avatar_url, user.primary_instrument, user.skill_level) == ("", "", "")


def test_the_database_refuses_an_instrument_outside_the_choices(user):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(primary_instrument="harp")


@pytest.mark.django_db(databases=ALL)
def test_the_fields_are_in_the_account_export(auth_client):
    auth_client.patch(URL, {"primaryInstrument": "piano", "skillLevel": "beginner"}, format="json")
    response = auth_client.get("/api/user/me/export")
    document = json.loads(b"".join(response.streaming_content))
    [profile] = document["parts"]["accounts"]["profile"]
    assert (profile["primaryInstrument"], profile["skillLevel"], profile["avatarUrl"]) == (
        "piano",
        "beginner",
        "",
    )
