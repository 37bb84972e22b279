"""The monthly PDF report: opened with pypdf, its pages and text checked."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.progress.factories import log

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def text_of(response) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(response.content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_the_report_has_totals_chart_pieces_types_and_achievements(auth_client):
    user = auth_client.user
    chopin = {"title": "Nocturne in E-flat", "composer": "Chopin"}
    for day in range(1, 8):
        log(user, f"2025-03-{day:02d}T18:00:00Z", 30, pieces=[chopin])
    log(user, "2025-03-20T18:00:00Z", 45, type="lesson", pieces=[{"title": "Danse Macabre"}])
    log(user, "2025-04-02T18:00:00Z", 600)  # another month
    response = auth_client.get("/api/practice/report.pdf", {"month": "2025-03"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "mirubato-practice-report-2025-03.pdf" in response["Content-Disposition"]
    pages, text = text_of(response)
    assert pages == 2
    assert "Practice report: March 2025" in text
    assert "4 h 15 min" in text  # 7 * 30 + 45 minutes, April left out
    assert "Nocturne in E-flat" in text and "Danse Macabre" in text
    assert "Lesson" in text and "Practice" in text
    assert "Week streak" in text and "First note" in text  # earned in March
    assert "10 hours" not in text  # earned in April


def test_a_month_without_practice_still_makes_a_readable_report(auth_client):
    response = auth_client.get("/api/practice/report.pdf", {"month": "2024-02", "tz": "UTC"})
    pages, text = text_of(response)
    assert response.status_code == 200 and pages == 2
    assert "February 2024" in text and "No practice logged this month." in text


def test_accented_names_print(auth_client):
    log(
        auth_client.user,
        "2025-03-02T10:00:00Z",
        20,
        pieces=[{"title": "Gnossienne", "composer": "Satie"}],
    )
    log(
        auth_client.user,
        "2025-03-03T10:00:00Z",
        20,
        pieces=[{"title": "Élégie", "composer": "Fauré"}],
    )
    _, text = text_of(auth_client.get("/api/practice/report.pdf", {"month": "2025-03"}))
    assert "Élégie" in text and "Fauré" in text


def test_days_of_the_report_follow_the_time_zone(auth_client):
    # 23:30 UTC on 31 March is already April in Tokyo.
    log(auth_client.user, "2025-03-31T23:30:00Z", 50)
    _, utc = text_of(auth_client.get("/api/practice/report.pdf", {"month": "2025-03"}))
    _, tokyo = text_of(
        auth_client.get("/api/practice/report.pdf", {"month": "2025-03", "tz": "Asia/Tokyo"})
    )
    assert "50 min" in utc and "50 min" not in tokyo


@pytest.mark.parametrize("month", ["2025-13", "2025-3", "March", "1969-12", "2025-03-01"])
def test_a_bad_month_is_a_400(auth_client, month):
    response = auth_client.get("/api/practice/report.pdf", {"month": month})
    assert response.status_code == 400
    assert response.json()["error"]["details"]["month"]


def test_a_bad_time_zone_is_a_400(auth_client):
    response = auth_client.get("/api/practice/report.pdf", {"month": "2025-03", "tz": "Nowhere"})
    assert response.status_code == 400 and "tz" in response.json()["error"]["details"]


def test_errors_are_json_even_when_the_client_asks_for_a_pdf(api_client):
    response = api_client.get("/api/practice/report.pdf", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
