"""A month of practice pushed from two devices through the sync API, then read as progress:
edits, deletes and late entries from the other device show at once."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.sync.client import change, push
from tests.sync.factories import logbook_data

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def entry(n: int, minutes: int, **fields) -> dict:
    data = logbook_data(f"e{n}", timestamp=f"2025-03-{n:02d}T19:00:00Z", duration=minutes)
    return change("logbook_entry", f"e{n}", data | fields)


def test_a_month_from_two_devices_stays_consistent(auth_client, make_auth_client):
    laptop, phone = auth_client, make_auth_client(auth_client.user)
    assert push(laptop, [entry(n, 60) for n in range(1, 11)], device="laptop").status_code == 200
    assert push(phone, [entry(n, 30) for n in range(12, 16)], device="phone").status_code == 200
    stats = laptop.get("/api/progress/statistics").json()
    assert (stats["totalMinutes"], stats["longestStreak"], stats["level"]) == (720, 10, 5)

    push(phone, [entry(11, 15)], device="phone")  # late: joins the two runs
    push(phone, [entry(1, 20)], device="phone")  # an edit of the laptop's first entry
    push(phone, [change("logbook_entry", "e2", deleted=True)], device="phone")
    stats = laptop.get("/api/progress/statistics").json()
    assert stats["totalMinutes"] == 720 - 60 + 15 - 40 and stats["entryCount"] == 14
    assert stats["longestStreak"] == 13  # 3..15 (the 2nd was deleted)

    achievements = {a["code"]: a for a in laptop.get("/api/progress/achievements").json()["items"]}
    assert achievements["streak_7"]["earnedAt"] == "2025-03-09T19:00:00Z"
    assert achievements["hours_10"]["earned"] is True

    report = laptop.get("/api/practice/report.pdf", {"month": "2025-03"})
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report.content)).pages)
    assert "10 h 35 min" in text and "Week streak" in text
