"""One synced entry at the edge of the calendar never breaks a user's reports."""

from __future__ import annotations

import pytest

from sync.services import entity_write
from tests.progress.factories import log

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def stored_as_is(user, at: str, minutes: float) -> None:
    """A row stored without today's push validation (pushes now refuse times outside
    1970..9999, but rows synced by an older server may hold them): reports must still cope."""
    data = {"id": f"far_{at}", "timestamp": at, "duration": minutes, "type": "practice"}
    entity_write(user=user, entity_type="logbook_entry", entity_id=data["id"], data=data)


CALENDAR_REPORTS = [
    "/api/practice/summary?groupBy=week",
    "/api/practice/summary?groupBy=month",
    "/api/practice/streaks",
    "/api/progress/overview",
    "/api/progress/statistics",
    "/api/progress/achievements",
    "/api/progress/instrument/piano",
    "/api/practice/report.pdf?month=2025-01",
]


@pytest.mark.parametrize("far", ["9999-12-31T23:00:00Z", "0001-01-01T00:30:00Z"])
@pytest.mark.parametrize("path", CALENDAR_REPORTS)
def test_an_entry_at_the_calendars_edge_is_left_out_of_reports_east_of_utc(auth_client, far, path):
    log(auth_client.user, "2025-01-06T10:00:00Z", minutes=30)
    stored_as_is(auth_client.user, far, minutes=45)
    separator = "&" if "?" in path else "?"
    response = auth_client.get(f"{path}{separator}tz=Pacific/Kiritimati")
    assert response.status_code == 200


def test_the_summary_counts_only_the_entry_with_a_readable_time(auth_client):
    log(auth_client.user, "2025-01-06T10:00:00Z", minutes=30)
    stored_as_is(auth_client.user, "9999-12-31T23:00:00Z", minutes=45)
    body = auth_client.get("/api/practice/summary?tz=Pacific/Kiritimati").json()
    assert body["totalMinutes"] == 30
