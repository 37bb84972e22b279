"""Overview, per-instrument progress and statistics follow the logbook exactly."""

from __future__ import annotations

import pytest

from tests.accounts.factories import UserFactory
from tests.progress.factories import days_ago, log, unlog

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def overview(client, **params):
    response = client.get("/api/progress/overview", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_an_empty_logbook_is_level_one_with_nothing_practised(auth_client):
    body = overview(auth_client)
    assert body["level"] == 1 and body["xp"] == 0 and body["totalMinutes"] == 0
    assert body["currentStreak"] == 0 and body["instruments"] == []
    assert body["accuracy"]["count"] == 0 and body["accuracy"]["direction"] is None


def test_it_totals_minutes_levels_and_instruments(auth_client):
    log(auth_client.user, days_ago(2), 90, instrument="piano")
    log(auth_client.user, days_ago(1), 45, instrument="Guitar")
    log(auth_client.user, days_ago(1), 0, type="status_change")  # not practice
    body = overview(auth_client)
    assert body["totalMinutes"] == 135 and body["entryCount"] == 2
    assert (body["xp"], body["level"], body["nextLevelXp"]) == (135, 2, 180)
    assert [(i["instrument"], i["minutes"], i["level"]) for i in body["instruments"]] == [
        ("piano", 90, 2),
        ("guitar", 45, 1),
    ]
    assert body["recentActivity"][0]["instrument"] == "guitar"


def test_deleting_an_entry_on_another_device_lowers_the_totals(auth_client):
    keep = log(auth_client.user, days_ago(1), 60)
    gone = log(auth_client.user, days_ago(0), 120)
    assert overview(auth_client)["xp"] == 180
    unlog(auth_client.user, gone)
    body = overview(auth_client)
    assert (body["xp"], body["level"], body["entryCount"]) == (60, 2, 1)
    assert body["recentActivity"][0]["entryId"] == keep


def test_an_edit_synced_from_another_device_replaces_the_old_minutes(auth_client):
    entry = log(auth_client.user, days_ago(1), 60)
    log(auth_client.user, days_ago(1), 20, entry_id=entry)
    assert overview(auth_client)["totalMinutes"] == 20


def test_a_late_entry_counts_and_can_join_two_streaks(auth_client):
    for n in (0, 1, 3, 4):
        log(auth_client.user, days_ago(n), 10)
    body = overview(auth_client)
    assert (body["currentStreak"], body["longestStreak"]) == (2, 2)
    log(auth_client.user, days_ago(2), 10)  # synced late, from a phone
    body = overview(auth_client)
    assert (body["currentStreak"], body["longestStreak"], body["totalMinutes"]) == (5, 5, 50)


def test_a_streak_ending_yesterday_is_still_current(auth_client):
    log(auth_client.user, days_ago(1), 10)
    log(auth_client.user, days_ago(2), 10)
    body = overview(auth_client)
    assert body["currentStreak"] == 2 and body["practicedToday"] is False


def test_days_follow_the_requested_time_zone(auth_client):
    # 23:30 UTC on two evenings is the next morning in Tokyo: two days either way, but a
    # different calendar day, which shows in the last practice date.
    log(auth_client.user, days_ago(2, hour=23), 10)
    utc = overview(auth_client)
    tokyo = overview(auth_client, tz="Asia/Tokyo")
    assert tokyo["lastPracticeDate"] > utc["lastPracticeDate"]
    assert tokyo["timeZone"] == "Asia/Tokyo"


def test_accuracy_and_tempo_trends_come_from_entries_that_carry_them(auth_client):
    for n in range(20):
        piece = {"title": "Etude", "composer": "Sor", "tempo": 60 + n}
        log(auth_client.user, days_ago(30 - n), 10, metadata={"accuracy": 50 + n}, pieces=[piece])
    log(auth_client.user, days_ago(1), 10)  # neither accuracy nor tempo
    body = overview(auth_client)
    assert body["accuracy"]["count"] == 20 and body["accuracy"]["best"] == 69
    assert body["accuracy"]["change"] == 10 and body["accuracy"]["direction"] == "up"
    assert body["tempo"]["latest"] == 79 and body["tempo"]["direction"] == "up"


def test_a_user_never_sees_another_users_practice(auth_client):
    log(UserFactory(), days_ago(1), 600, instrument="cello")
    body = overview(auth_client)
    assert body["xp"] == 0 and body["instruments"] == []


def test_an_unknown_time_zone_is_a_400(auth_client):
    for bad in ("Mars/Olympus", "../../etc/passwd", "x" * 80):
        response = auth_client.get("/api/progress/overview", {"tz": bad})
        assert response.status_code == 400
        assert "tz" in response.json()["error"]["details"]


def test_progress_needs_a_signed_in_user(api_client):
    assert api_client.get("/api/progress/overview").status_code == 401


def test_instrument_progress_has_skill_areas_by_type_and_technique(auth_client):
    user = auth_client.user
    log(user, days_ago(1), 60, instrument="guitar", techniques=["Scales", "arpeggios"])
    log(user, days_ago(0), 30, instrument="guitar", type="lesson", techniques=["scales"])
    log(user, days_ago(0), 999, instrument="piano")
    response = auth_client.get("/api/progress/instrument/Guitar")
    body = response.json()
    assert response.status_code == 200 and body["instrument"] == "guitar"
    assert body["totalMinutes"] == 90 and body["level"] == 2
    assert [(t["type"], t["minutes"]) for t in body["types"]] == [("practice", 60), ("lesson", 30)]
    assert [(t["technique"], t["minutes"]) for t in body["techniques"]] == [
        ("scales", 60),
        ("arpeggios", 30),
    ]


def test_an_instrument_never_practised_is_level_one(auth_client):
    body = auth_client.get("/api/progress/instrument/harp").json()
    assert body["level"] == 1 and body["totalMinutes"] == 0 and body["types"] == []


def test_statistics_break_practice_down_by_time_and_kind(auth_client):
    user = auth_client.user
    log(user, "2025-03-03T08:15:00Z", 40, mood="satisfied")  # a Monday
    log(user, "2025-03-04T20:00:00Z", 20, type="performance", mood="excited")
    body = auth_client.get("/api/progress/statistics").json()
    monday = next(row for row in body["byWeekday"] if row["weekday"] == "monday")
    assert monday == {"weekday": "monday", "minutes": 40, "entries": 1}
    assert body["byHour"][8]["minutes"] == 40 and len(body["byHour"]) == 24
    assert body["byMonth"] == [{"month": "2025-03", "minutes": 60, "entries": 2}]
    assert {row["mood"] for row in body["byMood"]} == {"satisfied", "excited"}
    assert body["longestSessionMinutes"] == 40 and body["averageSessionMinutes"] == 30


def test_an_entry_without_instrument_is_labelled_as_the_practice_summary_labels_it(auth_client):
    log(auth_client.user, days_ago(1), 30, instrument="")
    overview = auth_client.get("/api/progress/overview").json()
    summary = auth_client.get("/api/practice/summary").json()
    assert [i["instrument"] for i in overview["instruments"]] == ["unknown"]
    assert [i["instrument"] for i in summary["byInstrument"]] == ["unknown"]
