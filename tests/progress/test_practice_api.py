"""Practice summary and streaks endpoints: parameters, time zones, isolation."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import orjson
import pytest
from django.http import QueryDict
from django.utils import timezone

from mirubato.api.camel import camelize
from mirubato.api.inputs import validated
from mirubato.api.renderers import dumps
from progress.analytics import Window
from progress.api.params import SummaryParams
from progress.api.serializers.practice import SummaryOutputSerializer
from progress.selectors.practice import practice_summary
from tests.repertoire.factories import LogbookEntryFactory, entry_data

pytestmark = pytest.mark.django_db(databases=["default"])


def _log(user, at, minutes=30, **extra):
    return LogbookEntryFactory(user=user, data=entry_data(at=at, minutes=minutes, **extra))


def test_the_summary_totals_the_callers_live_entries(auth_client):
    user = auth_client.user
    _log(user, "2025-01-06T10:00:00Z", 20, pieces=[{"title": "A"}, {"title": "B"}])
    _log(user, "2025-01-07T10:00:00Z", 40)
    LogbookEntryFactory(user=user, data=entry_data(at="2025-01-07T11:00:00Z"), deleted=True)
    _log(LogbookEntryFactory().user, "2025-01-07T10:00:00Z", 500)
    body = auth_client.get("/api/practice/summary").json()
    assert (body["totalMinutes"], body["entryCount"], body["practiceDays"]) == (60, 2, 2)
    assert [(p["period"], p["minutes"]) for p in body["byPeriod"]] == [
        ("2025-01-06", 20),
        ("2025-01-07", 40),
    ]
    assert {p["title"]: p["minutes"] for p in body["byPiece"]} == {"A": 10, "B": 10}


def test_from_and_to_are_inclusive_local_days_in_the_time_zone(auth_client):
    user = auth_client.user
    _log(user, "2025-01-06T23:30:00Z")  # Jan 7 in Tokyo
    _log(user, "2025-01-05T23:30:00Z")  # Jan 6 in Tokyo
    body = auth_client.get(
        "/api/practice/summary?from=2025-01-07&to=2025-01-07&tz=Asia/Tokyo"
    ).json()
    assert body["entryCount"] == 1 and body["byPeriod"][0]["period"] == "2025-01-07"


def test_week_grouping_honours_week_start(auth_client):
    _log(auth_client.user, "2025-01-05T12:00:00Z")  # a Sunday
    monday = auth_client.get("/api/practice/summary?groupBy=week").json()["byPeriod"]
    sunday = auth_client.get("/api/practice/summary?groupBy=week&weekStart=sunday").json()[
        "byPeriod"
    ]
    assert (monday[0]["period"], sunday[0]["period"]) == ("2024-12-30", "2025-01-05")


@pytest.mark.parametrize(
    "query, field",
    [
        ("tz=Mars/Olympus", "tz"),
        ("tz=../../etc/passwd", "tz"),
        ("groupBy=year", "groupBy"),
        ("weekStart=someday", "weekStart"),
        ("from=2025-13-01", "from"),
        ("to=soon", "to"),
        ("from=2025-02-01&to=2025-01-01", "to"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(auth_client, query, field):
    response = auth_client.get(f"/api/practice/summary?{query}")
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]


def test_streaks_count_up_to_yesterday_when_today_has_no_practice(auth_client):
    now = timezone.now()
    for days_ago in (1, 2, 3):
        _log(auth_client.user, (now - timedelta(days=days_ago)).isoformat())
    body = auth_client.get("/api/practice/streaks").json()
    assert (body["currentStreak"], body["longestStreak"], body["practicedToday"]) == (3, 3, False)


def test_streak_days_are_the_callers_local_days(auth_client):
    # 00:30 and 23:30 on one Tokyo day are 15:30 and 14:30 on two UTC days.
    tokyo = ZoneInfo("Asia/Tokyo")
    day = timezone.now().astimezone(tokyo).date() - timedelta(days=2)
    for hour, minute in ((0, 30), (23, 30)):
        _log(auth_client.user, datetime.combine(day, time(hour, minute), tokyo).isoformat())
    local = auth_client.get("/api/practice/streaks?tz=Asia/Tokyo").json()
    utc = auth_client.get("/api/practice/streaks?tz=UTC").json()
    assert (local["longestStreak"], local["totalPracticeDays"]) == (1, 1)
    assert local["lastPracticeDate"] == day.isoformat()
    assert (utc["longestStreak"], utc["totalPracticeDays"]) == (2, 2)
    assert utc["lastPracticeDate"] == day.isoformat()


def test_streaks_reject_an_unknown_time_zone(auth_client):
    response = auth_client.get("/api/practice/streaks?tz=Nowhere/Land")
    assert response.status_code == 400 and "tz" in response.json()["error"]["details"]


def test_streaks_of_a_user_without_entries_are_zero(auth_client):
    _log(LogbookEntryFactory().user, timezone.now().isoformat())
    body = auth_client.get("/api/practice/streaks?tz=Europe/Paris").json()
    assert (body["currentStreak"], body["longestStreak"], body["lastPracticeDate"]) == (0, 0, None)


def test_status_changes_are_not_practice_days_or_sessions(auth_client):
    user = auth_client.user
    _log(user, "2025-01-06T10:00:00Z", 30)
    _log(user, "2025-01-07T10:00:00Z", 0, type="status_change")
    body = auth_client.get("/api/practice/summary").json()
    assert (body["entryCount"], body["practiceDays"]) == (2, 1)
    assert body["averageSessionMinutes"] == 30


SUMMARY_QUERIES = ["", "groupBy=week&weekStart=sunday", "groupBy=month&tz=Asia/Tokyo"]


@pytest.mark.parametrize("query", SUMMARY_QUERIES)
def test_the_summary_body_is_exactly_what_its_schema_serializer_describes(auth_client, query):
    user = auth_client.user
    _log(user, "2025-01-06T10:00:00Z", 20, pieces=[{"title": "A", "composer": "Bach"}])
    _log(user, "2025-01-07T23:30:00Z", 45, pieces=[{"title": "B"}, {"title": "C"}], mood="happy")
    _log(user, "2025-02-01T08:00:00Z", 15, instrument="guitar")
    params = validated(SummaryParams, QueryDict(query))
    body = practice_summary(
        user=user,
        zone=params["tz"],
        window=Window(params["start"], params["end"]),
        group_by=params["group_by"],
        week_start=params["week_start"],
    )
    described = orjson.loads(dumps(camelize(SummaryOutputSerializer(body).data)))
    assert auth_client.get(f"/api/practice/summary?{query}").json() == described
