"""`POST /api/practice/quick-log`: the design's QuickLogRequest in one round trip, answering
the stored log and the streak it makes."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from rest_framework.throttling import ScopedRateThrottle

from sync.models import SyncData
from tests.accounts.factories import UserFactory
from tests.progress.factories import days_ago, log

pytestmark = pytest.mark.django_db(databases=["default"])
URL = "/api/practice/quick-log"


def _quick(client, **body):
    response = client.post(URL, {"activityType": "scales", "duration": 20, **body}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_quick_log_is_stored_as_practice_that_just_ended(auth_client):
    before = timezone.now()
    body = _quick(
        auth_client,
        piece={"title": "Arabesque No. 1", "composer": "Debussy", "section": "A section"},
        tempo=84,
        selfRating=6,
        notes="Even triplets",
    )
    logged = body["log"]
    started = datetime.fromisoformat(logged["timestamp"])
    assert before - timedelta(minutes=20, seconds=5) <= started <= timezone.now()
    assert (logged["activityType"], logged["tempoPracticed"], logged["selfRating"]) == (
        "scales",
        84,
        6,
    )
    assert logged["pieces"] == [
        {
            "id": "arabesque no. 1-debussy",
            "title": "Arabesque No. 1",
            "composer": "Debussy",
            "section": "A section",
            "tempo": None,
        }
    ]
    stored = SyncData.objects.get(entity_id=logged["id"]).data
    assert (stored["metadata"]["source"], stored["type"]) == ("quick_log", "practice")
    assert body["log"]["version"] == 1


def test_it_answers_the_updated_streak(auth_client):
    log(auth_client.user, days_ago(1))
    streak = _quick(auth_client)["streak"]
    assert (streak["currentStreak"], streak["practicedToday"]) == (2, True)


def test_the_instrument_defaults_to_the_profiles(make_auth_client):
    client = make_auth_client(UserFactory(primary_instrument="guitar"))
    assert _quick(client)["log"]["instrument"] == "guitar"


def test_a_template_fills_what_the_request_leaves_out(auth_client):
    template = {
        "id": "tpl_q",
        "title": "Chopin slow work",
        "activityType": "slow_practice",
        "pieceRefs": [{"title": "Nocturne Op. 9 No. 2", "composer": "Chopin"}],
        "tempo": 60,
        "focusAreas": ["voicing"],
    }
    auth_client.post("/api/practice/templates", template, format="json")
    response = auth_client.post(URL, {"duration": 15, "templateId": "tpl_q"}, format="json")
    logged = response.json()["log"]
    assert (logged["activityType"], logged["targetTempo"], logged["templateId"]) == (
        "slow_practice",
        60,
        "tpl_q",
    )
    assert logged["pieces"][0]["title"] == "Nocturne Op. 9 No. 2"
    assert logged["focusAreas"] == ["voicing"]


def test_the_requests_own_values_win_over_the_templates(auth_client):
    auth_client.post(
        "/api/practice/templates",
        {"id": "tpl_w", "title": "T", "activityType": "etudes", "focusAreas": ["a"]},
        format="json",
    )
    logged = _quick(auth_client, templateId="tpl_w", focusAreas=["b"])["log"]
    assert (logged["activityType"], logged["focusAreas"]) == ("scales", ["b"])


def test_a_public_template_of_someone_else_will_do_a_private_one_is_a_404(
    auth_client, make_auth_client
):
    other = make_auth_client(UserFactory())
    for template_id, visibility in (("pub", "public"), ("priv", "private")):
        body = {"id": template_id, "title": "T", "activityType": "etudes", "visibility": visibility}
        other.post("/api/practice/templates", body, format="json")
    ok = auth_client.post(URL, {"duration": 5, "templateId": "pub"}, format="json")
    hidden = auth_client.post(URL, {"duration": 5, "templateId": "priv"}, format="json")
    assert (ok.status_code, hidden.status_code) == (201, 404)


def test_a_quick_log_can_belong_to_a_session(make_auth_client):
    client = make_auth_client(UserFactory(primary_instrument="piano"))
    session = client.post(
        "/api/practice/sessions/start", {"sessionType": "guided"}, format="json"
    ).json()
    assert _quick(client, sessionId=session["id"])["log"]["sessionId"] == session["id"]
    assert _quick_status(client, sessionId="nope") == 404


def _quick_status(client, **body) -> int:
    body = {"activityType": "scales", "duration": 20, **body}
    return client.post(URL, body, format="json").status_code


@pytest.mark.parametrize(
    "body, field",
    [
        ({"activityType": None}, "activityType"),
        ({"activityType": "nap"}, "activityType"),
        ({"duration": 1441}, "duration"),
        ({"duration": None}, "duration"),
        ({"tempo": 0}, "tempo"),
        ({"selfRating": 11}, "selfRating"),
        ({"piece": {"composer": "Bach"}}, "piece"),
        ({"timeZone": "Atlantis/Capital"}, "timeZone"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(auth_client, body, field):
    payload = {"activityType": "scales", "duration": 20, **body}
    payload = {k: v for k, v in payload.items() if v is not None}
    response = auth_client.post(URL, payload, format="json")
    assert response.status_code == 400 and field in response.json()["error"]["details"]
    assert not SyncData.objects.filter(entity_type="logbook_entry").exists()


def test_quick_logs_are_throttled_in_the_practice_scope(auth_client, monkeypatch):
    rates = {**ScopedRateThrottle.THROTTLE_RATES, "practice": "2/min"}
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", rates)
    codes = [_quick_status(auth_client) for _ in range(3)]
    assert codes == [201, 201, 429]


def test_reads_of_the_practice_api_are_not_counted_in_the_write_scope(auth_client, monkeypatch):
    rates = {**ScopedRateThrottle.THROTTLE_RATES, "practice": "1/min"}
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", rates)
    reads = [auth_client.get("/api/practice/logs").status_code for _ in range(3)]
    assert reads == [200, 200, 200] and _quick_status(auth_client) == 201
