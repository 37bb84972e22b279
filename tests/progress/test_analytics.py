"""Practice analytics as pure functions: time zones, week starts, equal split, streaks."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from progress import analytics
from progress.analytics import Window, summary
from repertoire.logbook import parse_entry
from tests.repertoire.factories import entry_data

UTC_ZONE = ZoneInfo("UTC")
OPEN = Window()


def _entries(*items):
    return [parse_entry(f"e{i}", data) for i, data in enumerate(items)]


def streaks(entries, zone, today):
    days = analytics.practice_days(entries, zone)
    return analytics.streaks(days, today=today).as_dict(today=today)


def _summary(entries, zone=UTC_ZONE, group_by="day", week_start=0, window=OPEN):
    return summary(entries, zone=zone, window=window, group_by=group_by, week_start=week_start)


def test_a_late_evening_entry_counts_on_the_local_day_of_the_time_zone():
    entries = _entries(entry_data(at="2025-01-06T23:30:00Z"))
    tokyo = _summary(entries, zone=ZoneInfo("Asia/Tokyo"))
    assert [p["period"] for p in tokyo["by_period"]] == ["2025-01-07"]
    assert [p["period"] for p in _summary(entries)["by_period"]] == ["2025-01-06"]


def test_weeks_start_on_monday_by_default_and_on_sunday_when_asked():
    # 2025-01-05 is a Sunday, 2025-01-06 a Monday.
    entries = _entries(entry_data(at="2025-01-05T12:00:00Z"), entry_data(at="2025-01-06T12:00:00Z"))
    monday = _summary(entries, group_by="week", week_start=0)["by_period"]
    sunday = _summary(entries, group_by="week", week_start=6)["by_period"]
    assert [(p["period"], p["entries"]) for p in monday] == [("2024-12-30", 1), ("2025-01-06", 1)]
    assert [(p["period"], p["entries"]) for p in sunday] == [("2025-01-05", 2)]


def test_a_week_boundary_follows_the_time_zone():
    # Sunday 23:30 in New York is already Monday in UTC.
    entries = _entries(entry_data(at="2025-01-06T04:30:00Z"))
    new_york = _summary(entries, zone=ZoneInfo("America/New_York"), group_by="week")
    assert new_york["by_period"][0]["period"] == "2024-12-30"
    assert _summary(entries, group_by="week")["by_period"][0]["period"] == "2025-01-06"


def test_months_group_by_calendar_month():
    entries = _entries(
        entry_data(at="2025-01-31T12:00:00Z", minutes=10),
        entry_data(at="2025-02-01T12:00:00Z", minutes=20),
    )
    periods = _summary(entries, group_by="month")["by_period"]
    assert [(p["period"], p["minutes"]) for p in periods] == [("2025-01", 10.0), ("2025-02", 20.0)]


def test_an_entrys_minutes_are_split_equally_among_its_pieces():
    pieces = [
        {"title": "A", "composer": "X"},
        {"title": "B", "composer": "Y"},
        {"title": "C", "composer": "X"},
    ]
    result = _summary(_entries(entry_data(at="2025-01-06T10:00:00Z", minutes=30, pieces=pieces)))
    assert [(p["title"], p["minutes"]) for p in result["by_piece"]] == [
        ("A", 10.0),
        ("B", 10.0),
        ("C", 10.0),
    ]
    assert result["total_minutes"] == 30.0


def test_totals_break_down_by_instrument_type_and_mood():
    entries = _entries(
        entry_data(at="2025-01-06T10:00:00Z", minutes=20, instrument="Guitar", mood="excited"),
        entry_data(at="2025-01-06T11:00:00Z", minutes=40, type="lesson"),
    )
    result = _summary(entries)
    assert result["by_instrument"] == [
        {"instrument": "piano", "minutes": 40.0, "entries": 1},
        {"instrument": "guitar", "minutes": 20.0, "entries": 1},
    ]
    assert {r["type"] for r in result["by_type"]} == {"practice", "lesson"}
    assert {r["mood"]: r["minutes"] for r in result["by_mood"]} == {
        "satisfied": 40.0,
        "excited": 20.0,
    }


def test_the_window_is_half_open_and_leaves_out_entries_without_a_time():
    entries = _entries(
        entry_data(at="2025-01-06T00:00:00Z"),
        entry_data(at="2025-01-07T00:00:00Z"),
        entry_data(at="not a time"),
    )
    window = Window(datetime(2025, 1, 6, tzinfo=UTC), datetime(2025, 1, 7, tzinfo=UTC))
    assert _summary(entries, window=window)["entry_count"] == 1


def test_today_without_practice_does_not_break_a_streak_that_ran_until_yesterday():
    entries = _entries(*(entry_data(at=f"2025-01-0{d}T10:00:00Z") for d in (3, 4, 5)))
    result = streaks(entries, UTC_ZONE, date(2025, 1, 6))
    assert result["current_streak"] == 3 and result["practiced_today"] is False


def test_a_missed_day_ends_the_current_streak_but_not_the_longest():
    entries = _entries(*(entry_data(at=f"2025-01-0{d}T10:00:00Z") for d in (1, 2, 3, 5)))
    result = streaks(entries, UTC_ZONE, date(2025, 1, 7))
    assert (result["current_streak"], result["longest_streak"]) == (0, 3)
    assert result["longest_streak_start"] == date(2025, 1, 1)


def test_streak_days_are_counted_in_the_users_time_zone():
    # 23:30 UTC on the 5th is the 6th in Tokyo: two UTC days, one Tokyo day after the 5th.
    entries = _entries(entry_data(at="2025-01-05T10:00:00Z"), entry_data(at="2025-01-05T23:30:00Z"))
    tokyo = streaks(entries, ZoneInfo("Asia/Tokyo"), date(2025, 1, 6))
    utc = streaks(entries, UTC_ZONE, date(2025, 1, 6))
    assert (tokyo["current_streak"], utc["current_streak"]) == (2, 1)


def test_status_change_entries_are_not_practice_days():
    entries = _entries(entry_data(at="2025-01-06T10:00:00Z", minutes=0, type="status_change"))
    assert streaks(entries, UTC_ZONE, date(2025, 1, 6))["current_streak"] == 0
