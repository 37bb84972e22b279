"""`/api/practice/sessions`: start, list, read; a session is the `practice_session` entity."""

from __future__ import annotations

import pytest

from sync.models import SyncData
from tests.accounts.factories import UserFactory
from tests.repertoire.practice_support import SESSIONS, post_log, pulled, push

pytestmark = pytest.mark.django_db(databases=["default"])
START = f"{SESSIONS}/start"


@pytest.fixture
def pianist(make_auth_client):
    return make_auth_client(UserFactory(primary_instrument="piano"))


def _start(client, **fields):
    response = client.post(START, {"sessionType": "guided", **fields}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_started_session_is_open_and_every_device_pulls_it(pianist):
    session = _start(pianist, instrument="Guitar", plannedExercises=4, timeZone="Asia/Tokyo")
    assert (session["status"], session["endTime"], session["instrument"]) == (
        "active",
        None,
        "guitar",
    )
    assert (session["totalExercises"], session["timeZone"], session["version"]) == (
        4,
        "Asia/Tokyo",
        1,
    )
    change = pulled(pianist, "practice_session")[session["id"]]
    assert change["data"]["sessionType"] == "guided" and change["data"]["endTime"] is None


def test_the_instrument_defaults_to_the_profiles(pianist):
    assert _start(pianist)["instrument"] == "piano"


def test_without_an_instrument_anywhere_it_is_a_400(auth_client):
    response = auth_client.post(START, {"sessionType": "guided"}, format="json")
    assert response.status_code == 400 and "instrument" in response.json()["error"]["details"]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"sessionType": "jam"}, "sessionType"),
        ({}, "sessionType"),
        ({"sessionType": "guided", "plannedExercises": -1}, "plannedExercises"),
        ({"sessionType": "guided", "timeZone": "Nowhere/City"}, "timeZone"),
        ({"sessionType": "guided", "id": "a/b"}, "id"),
    ],
)
def test_a_bad_start_is_a_400_naming_the_field(pianist, body, field):
    response = pianist.post(START, body, format="json")
    assert response.status_code == 400 and field in response.json()["error"]["details"]
    assert not SyncData.objects.filter(entity_type="practice_session").exists()


def test_a_taken_id_is_a_409(pianist):
    _start(pianist, id="s1")
    response = pianist.post(START, {"sessionType": "guided", "id": "s1"}, format="json")
    assert response.status_code == 409


def test_the_detail_has_its_logs_in_practice_time_order(pianist):
    session = _start(pianist)
    post_log(pianist, id="late", sessionId=session["id"], timestamp="2025-03-03T19:00:00Z")
    post_log(pianist, id="early", sessionId=session["id"], timestamp="2025-03-03T18:00:00Z")
    post_log(pianist, id="elsewhere")
    response = pianist.get(f"{SESSIONS}/{session['id']}")
    assert response["ETag"] == '"1"'
    assert [log["id"] for log in response.json()["logs"]] == ["early", "late"]


def test_another_users_session_is_a_404(pianist, make_auth_client):
    session = _start(make_auth_client(UserFactory(primary_instrument="guitar")))
    assert pianist.get(f"{SESSIONS}/{session['id']}").status_code == 404
    response = pianist.put(f"{SESSIONS}/{session['id']}/end", {}, format="json")
    assert response.status_code == 404


def test_the_list_filters_by_type_instrument_status_and_day(pianist):
    push(
        pianist,
        "practice_session",
        {
            "id": "old",
            "sessionType": "assessment",
            "instrument": "guitar",
            "startTime": "2025-01-05T10:00:00Z",
            "endTime": "2025-01-05T11:00:00Z",
        },
    )
    now = _start(pianist)["id"]

    def ids(**query):
        return [s["id"] for s in pianist.get(SESSIONS, query).json()["items"]]

    assert ids() == [now, "old"]
    assert ids(sessionType="assessment") == ["old"]
    assert ids(instrument="piano") == [now]
    assert ids(status="active") == [now] and ids(status="ended") == ["old"]
    assert ids(**{"from": "2025-01-05", "to": "2025-01-05"}) == ["old"]


def test_a_pushed_session_is_held_to_the_sessions_rule(pianist):
    change = {
        "type": "practice_session",
        "id": "s9",
        "data": {"id": "s9", "sessionType": "guided", "startTime": "x"},
    }
    response = pianist.post("/api/sync/push", {"changes": [change]}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "data.startTime"


def test_a_pushed_session_ending_before_it_starts_is_refused(pianist):
    data = {
        "id": "s8",
        "sessionType": "guided",
        "startTime": "2025-01-05T10:00:00Z",
        "endTime": "2025-01-05T09:00:00Z",
    }
    change = {"type": "practice_session", "id": "s8", "data": data}
    response = pianist.post("/api/sync/push", {"changes": [change]}, format="json")
    assert response.json()["error"]["details"]["field"] == "data.endTime"
