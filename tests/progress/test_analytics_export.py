"""`GET /api/analytics/export?format=csv|json|pdf&from=&to=`: the logbook or its report, for
any range of days."""

from __future__ import annotations

import io

import orjson
import pytest
from pypdf import PdfReader
from rest_framework.throttling import ScopedRateThrottle

from tests.progress.factories import log

pytestmark = pytest.mark.django_db(databases=["default", "scores"])
URL = "/api/analytics/export"


def _text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def three_months(auth_client):
    user = auth_client.user
    log(user, "2025-01-10T10:00:00Z", 30, pieces=[{"title": "Gymnopédie No. 1"}])
    log(user, "2025-02-10T10:00:00Z", 45, activityType="scales")
    log(user, "2025-03-25T10:00:00Z", 60, pieces=[{"title": "Clair de lune"}])
    return auth_client


def test_csv_of_a_range_is_the_practice_export(three_months):
    query = {"format": "csv", "from": "2025-02-01", "to": "2025-03-31"}
    response = three_months.get(URL, query)
    assert response["Content-Type"].startswith("text/csv")
    body = _body(response)
    lines = body.decode().splitlines()
    assert lines[0] == "Date,Duration,Pieces,Composers,Instrument,Type,Mood,Notes"
    assert [line.split(",")[1] for line in lines[1:]] == ["45", "60"]
    assert _body(three_months.get("/api/practice/export", query)) == body


def test_json_is_the_entries_as_stored(three_months):
    response = three_months.get(URL, {"format": "json", "to": "2025-01-31"})
    [entry] = orjson.loads(_body(response))
    assert entry["duration"] == 30


def test_a_pdf_covers_any_range_with_weekly_bars_and_activities(three_months):
    response = three_months.get(URL, {"format": "pdf", "from": "2025-01-01", "to": "2025-03-31"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "mirubato-practice-report-2025-01-01-2025-03-31.pdf" in response["Content-Disposition"]
    text = _text(response)
    assert "Practice report: 1 Jan 2025 to 31 Mar 2025" in text
    assert "2 h 15 min" in text  # 30 + 45 + 60
    assert "Minutes per week" in text and "Time per activity" in text
    assert "Gymnopédie No. 1" in text and "Clair de lune" in text


def test_a_pdf_without_a_range_covers_the_whole_logbook(three_months):
    text = _text(three_months.get(URL, {"format": "pdf"}))
    assert "Practice report: 10 Jan 2025 to" in text and "2 h 15 min" in text


def test_a_short_range_has_a_bar_per_day(three_months):
    text = _text(three_months.get(URL, {"format": "pdf", "from": "2025-02-01", "to": "2025-02-20"}))
    assert "Minutes per day" in text and "45 min" in text and "this period" in text


def test_an_empty_logbook_still_makes_a_readable_pdf(auth_client):
    response = auth_client.get(URL, {"format": "pdf", "from": "1970-01-01", "to": "9998-12-31"})
    assert response.status_code == 200
    assert "No practice logged this period." in _text(response)


def test_pdfs_are_throttled_in_the_report_scope(three_months, monkeypatch):
    rates = {**ScopedRateThrottle.THROTTLE_RATES, "report": "1/min"}
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", rates)
    codes = [three_months.get(URL, {"format": "pdf"}).status_code for _ in range(2)]
    assert codes == [200, 429]
    assert three_months.get(URL, {"format": "csv"}).status_code == 200


@pytest.mark.parametrize(
    "query, field",
    [({"format": "xlsx"}, "format"), ({"from": "soon"}, "from"), ({"tz": "X/Y"}, "tz")],
)
def test_a_bad_parameter_is_a_400_naming_it(auth_client, query, field):
    response = auth_client.get(URL, query)
    assert response.status_code == 400 and field in response.json()["error"]["details"]
