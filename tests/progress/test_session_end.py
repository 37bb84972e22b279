"""`PUT /api/practice/sessions/{id}/end`: ends a session, stores what the design's
practice_sessions row holds, and answers the session's summary."""

from __future__ import annotations

from datetime import datetime

import pytest

from sync.models import SyncData
from tests.accounts.factories import UserFactory
from tests.progress.factories import days_ago, log

pytestmark = pytest.mark.django_db(databases=["default"])
START = "/api/practice/sessions/start"


@pytest.fixture
def client(make_auth_client):
    return make_auth_client(UserFactory(primary_instrument="piano"))


def _start(client, **body):
    body = {"sessionType": "guided", **body}
    return client.post(START, body, format="json").json()


def _log(client, session_id, **fields):
    body = {"timestamp": "2025-03-03T18:00:00Z", "duration": 10, "sessionId": session_id}
    response = client.post("/api/practice/logs", body | fields, format="json")
    assert response.status_code == 201, response.content


def _end(client, session_id, **headers):
    return client.put(f"/api/practice/sessions/{session_id}/end", {}, format="json", **headers)


def test_ending_stores_duration_exercises_and_accuracy(client):
    session = _start(client, plannedExercises=5)
    _log(client, session["id"], accuracy=80, activityType="scales")
    _log(client, session["id"], accuracy=90, activityType="scales", selfRating=6)
    _log(
        client,
        session["id"],
        activityType="etudes",
        selfRating=9,
        duration=25,
        pieces=[{"title": "Etude Op. 10 No. 1", "composer": "Chopin"}],
    )
    response = _end(client, session["id"])
    assert response.status_code == 200, response.content
    ended = response.json()["session"]
    assert (ended["status"], ended["endedBy"], ended["version"]) == ("ended", "user", 2)
    assert (ended["completedExercises"], ended["totalExercises"]) == (3, 5)
    assert ended["accuracyPercentage"] == 85.0
    start, end = (datetime.fromisoformat(ended[k]) for k in ("startTime", "endTime"))
    assert ended["durationSeconds"] == round((end - start).total_seconds())
    stored = SyncData.objects.get(entity_id=session["id"]).data
    assert stored["endTime"] is not None and stored["completedExercises"] == 3


def test_the_summary_has_minutes_activities_pieces_and_the_average_rating(client):
    session = _start(client)
    _log(client, session["id"], activityType="scales", selfRating=6)
    _log(
        client,
        session["id"],
        activityType="etudes",
        selfRating=9,
        duration=25,
        pieces=[{"title": "Etude Op. 10 No. 1", "composer": "Chopin"}],
    )
    summary = _end(client, session["id"]).json()["summary"]
    assert (summary["minutes"], summary["logs"], summary["averageRating"]) == (35, 2, 7.5)
    assert [(a["activityType"], a["minutes"]) for a in summary["activities"]] == [
        ("etudes", 25),
        ("scales", 10),
    ]
    assert [(p["title"], p["minutes"]) for p in summary["pieces"]] == [("Etude Op. 10 No. 1", 25)]


def test_the_summary_has_the_streak_in_the_requests_zone(client):
    log(client.user, days_ago(1))
    log(client.user, days_ago(0))
    session = _start(client)
    response = client.put(
        f"/api/practice/sessions/{session['id']}/end", {"timeZone": "UTC"}, format="json"
    )
    assert response.json()["summary"]["currentStreak"] == 2


def test_a_session_without_logs_ends_with_zeros(client):
    session = _start(client)
    body = _end(client, session["id"]).json()
    assert (body["session"]["completedExercises"], body["session"]["accuracyPercentage"]) == (
        0,
        None,
    )
    assert (body["summary"]["minutes"], body["summary"]["averageRating"]) == (0, None)


def test_ending_twice_changes_nothing_the_second_time(client):
    session = _start(client)
    first = _end(client, session["id"]).json()["session"]
    second = _end(client, session["id"], HTTP_IF_MATCH='"1"')
    assert second.status_code == 200
    assert second.json()["session"] == first
    assert SyncData.objects.get(entity_id=session["id"]).version == 2


def test_new_notes_replace_the_sessions(client):
    session = _start(client, notes="before")
    response = client.put(
        f"/api/practice/sessions/{session['id']}/end", {"notes": "after"}, format="json"
    )
    assert response.json()["session"]["notes"] == "after"


def test_ending_a_version_a_device_replaced_is_a_412_and_the_session_stays_open(client):
    session = _start(client)
    changed = {**SyncData.objects.get(entity_id=session["id"]).data, "notes": "from the phone"}
    change = {"type": "practice_session", "id": session["id"], "data": changed}
    client.post("/api/sync/push", {"changes": [change]}, format="json")
    response = _end(client, session["id"], HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    assert SyncData.objects.get(entity_id=session["id"]).data["endTime"] is None


def test_another_users_or_a_missing_session_is_a_404(client, make_auth_client):
    theirs = _start(make_auth_client(UserFactory(primary_instrument="guitar")))
    assert _end(client, theirs["id"]).status_code == 404
    assert _end(client, "nope").status_code == 404
    assert SyncData.objects.get(entity_id=theirs["id"]).data["endTime"] is None


def test_a_bad_time_zone_is_a_400(client):
    session = _start(client)
    response = client.put(
        f"/api/practice/sessions/{session['id']}/end", {"timeZone": "Mars/Base"}, format="json"
    )
    assert response.status_code == 400 and "timeZone" in response.json()["error"]["details"]
    assert SyncData.objects.get(entity_id=session["id"]).data["endTime"] is None
