from __future__ import annotations

import pytest
from django.db.models import Max

from sync.models import SyncData
from sync.services import entity_write
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/user/preferences"
NOTIFY = "notificationSettings"
DEFAULT_NOTIFICATIONS = {
    "practiceReminders": False,
    "goalDeadlines": False,
    "achievementNotifications": True,
    "emailFrequency": "never",
    "pushNotifications": False,
}


def _stored(user) -> SyncData:
    return SyncData.objects.get(user=user, entity_type="user_preferences", entity_id=user.pk)


def test_preferences_are_an_empty_object_before_the_first_save(auth_client):
    response = auth_client.get(URL)
    assert response.status_code == 200
    assert response.json() == {}


def test_put_stores_the_object_as_the_user_preferences_sync_entity(auth_client):
    body = {
        "theme": "dark",
        "notificationSettings": {"practiceReminders": True, "emailFrequency": "weekly"},
        "primaryInstrument": "piano",
    }
    response = auth_client.put(URL, body, HTTP_X_DEVICE_ID="laptop-1")
    assert response.status_code == 200
    expected = {
        **body,
        "notificationSettings": {
            **DEFAULT_NOTIFICATIONS,
            "practiceReminders": True,
            "emailFrequency": "weekly",
        },
    }
    assert response.json() == expected
    row = _stored(auth_client.user)
    assert row.data == expected and row.version == 1 and row.device_id == "laptop-1"
    assert auth_client.get(URL).json() == expected


def test_unknown_keys_are_kept_exactly_as_sent(auth_client):
    body = {
        "customInstruments": ["theorbo"],
        "metronomePresets": {"p1": {"bpm": 60, "selected_pattern": "x.x."}},
        "snake_case_key": {"nested_Key": 1},
    }
    response = auth_client.put(URL, body)
    assert response.json() == body
    assert _stored(auth_client.user).data == body


def test_put_replaces_the_whole_object_with_a_new_version(auth_client):
    auth_client.put(URL, {"theme": "dark", "primaryInstrument": "cello"})
    response = auth_client.put(URL, {"theme": "light"})
    assert response.json() == {"theme": "light"}
    assert _stored(auth_client.user).version == 2


def test_saving_identical_preferences_changes_nothing_for_other_devices(auth_client):
    auth_client.put(URL, {"theme": "auto"})
    first = _stored(auth_client.user)
    auth_client.put(URL, {"theme": "auto"})
    again = _stored(auth_client.user)
    assert (again.version, again.seq) == (first.version, first.seq)


def test_a_preferences_change_enters_the_users_change_feed(auth_client):
    user = auth_client.user
    entity_write(user=user, entity_type="logbook_entry", entity_id="e1", data={"n": 1})
    auth_client.put(URL, {"theme": "dark"})
    head = SyncData.objects.filter(user=user).aggregate(Max("seq"))["seq__max"]
    assert _stored(user).seq == head  # devices pulling after their cursor receive it


def test_preferences_written_by_a_device_through_sync_are_served(auth_client):
    user = auth_client.user
    entity_write(
        user=user, entity_type="user_preferences", entity_id=user.pk, data={"theme": "dark"}
    )
    assert auth_client.get(URL).json() == {"theme": "dark"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"theme": "purple"}, "theme"),
        (
            {"notificationSettings": {"emailFrequency": "hourly"}},
            "notificationSettings.emailFrequency",
        ),
        (
            {"notificationSettings": {"pushNotifications": "yes"}},
            "notificationSettings.pushNotifications",
        ),
        ({"notificationSettings": []}, "notificationSettings"),
        ({"primaryInstrument": "x" * 101}, "primaryInstrument"),
        ({"primaryInstrument": 7}, "primaryInstrument"),
    ],
)
def test_invalid_known_fields_are_refused_and_nothing_is_stored(auth_client, body, field):
    auth_client.put(URL, {"theme": "light"})
    response = auth_client.put(URL, body)
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]
    assert _stored(auth_client.user).data == {"theme": "light"}


def test_a_body_that_is_not_an_object_is_refused(auth_client):
    response = auth_client.put(URL, ["dark"])
    assert response.status_code == 400
    assert not SyncData.objects.exists()


def test_a_user_never_sees_another_users_preferences(auth_client, make_auth_client):
    other = make_auth_client(UserFactory())
    other.put(URL, {"theme": "dark", "primaryInstrument": "harp"})
    assert auth_client.get(URL).json() == {}


def test_preferences_need_a_token(api_client):
    assert api_client.get(URL).status_code == 401
    assert api_client.put(URL, {"theme": "dark"}).status_code == 401


def test_preferences_pushed_through_sync_obey_the_same_rules(auth_client):
    user = auth_client.user
    change = {"type": "user_preferences", "id": user.pk, "data": {"theme": "neon"}}
    response = auth_client.post("/api/sync/push", {"changes": [change]}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "data.theme"
    assert not SyncData.objects.filter(user=user, entity_type="user_preferences").exists()


def test_preferences_pushed_through_sync_get_notification_defaults(auth_client):
    user = auth_client.user
    change = {"type": "user_preferences", "id": user.pk, "data": {NOTIFY: {}}}
    response = auth_client.post("/api/sync/push", {"changes": [change]}, format="json")
    assert response.status_code == 200
    assert _stored(user).data[NOTIFY] == DEFAULT_NOTIFICATIONS


def test_json_nested_deeper_than_can_be_stored_is_a_400_not_a_500(auth_client):
    # orjson reads 1024 levels but encodes 255: the checksum's encoding raised a TypeError.
    body = '{"x": ' + "[" * 300 + "]" * 300 + "}"
    response = auth_client.generic(
        "PUT", "/api/user/preferences", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert not SyncData.objects.exists()
