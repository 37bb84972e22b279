"""Logbook export: RFC 4180 CSV or JSON, streamed, with a download file name."""

from __future__ import annotations

import csv
import io

import orjson
import pytest

from tests.repertoire.factories import LogbookEntryFactory, entry_data

pytestmark = pytest.mark.django_db(databases=["default"])


def _body(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_csv_quotes_commas_quotes_and_line_breaks_per_rfc_4180(auth_client):
    notes = 'Left hand, "slow"\r\nthen right'
    pieces = [{"title": "Sonata, Op. 13", "composer": "Beethoven"}, {"title": "Étude"}]
    LogbookEntryFactory(
        user=auth_client.user,
        data=entry_data(at="2025-01-06T10:05:00Z", minutes=45, pieces=pieces, notes=notes),
    )
    response = auth_client.get("/api/practice/export?format=csv&tz=Europe/Paris")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="mirubato-practice-')
    text = _body(response)
    assert text.startswith("Date,Duration,Pieces,Composers,Instrument,Type,Mood,Notes\r\n")
    assert '"Left hand, ""slow""\r\nthen right"' in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == [
        "2025-01-06 11:05",
        "45",
        "Sonata, Op. 13; Étude",
        "Beethoven",
        "piano",
        "practice",
        "satisfied",
        notes,
    ]


def test_json_export_returns_the_entries_as_stored_in_time_order(auth_client):
    later = entry_data(at="2025-01-07T10:00:00Z", customClientField={"snake_case": 1})
    earlier = entry_data(at="2025-01-06T10:00:00Z")
    LogbookEntryFactory(user=auth_client.user, data=later)
    LogbookEntryFactory(user=auth_client.user, data=earlier)
    response = auth_client.get("/api/practice/export?format=json")
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].endswith('.json"')
    assert orjson.loads(_body(response)) == [earlier, later]


def test_the_range_limits_the_export(auth_client):
    LogbookEntryFactory(user=auth_client.user, data=entry_data(at="2025-01-06T10:00:00Z"))
    LogbookEntryFactory(user=auth_client.user, data=entry_data(at="2025-02-06T10:00:00Z"))
    text = _body(auth_client.get("/api/practice/export?from=2025-02-01&to=2025-02-28"))
    lines = text.strip().split("\r\n")
    assert len(lines) == 2 and lines[1].startswith("2025-02-06 10:00,")


def test_an_entry_without_a_valid_time_is_still_exported_without_a_range(auth_client):
    LogbookEntryFactory(user=auth_client.user, data=entry_data(at="garbage", notes="kept"))
    rows = list(csv.reader(io.StringIO(_body(auth_client.get("/api/practice/export")))))
    assert rows[1][0] == "" and rows[1][-1] == "kept"


def test_an_unknown_format_is_a_json_400(auth_client):
    response = auth_client.get("/api/practice/export?format=pdf")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["format"]


def test_another_users_entries_are_never_exported(auth_client):
    LogbookEntryFactory(data=entry_data(at="2025-01-06T10:00:00Z", notes="secret"))
    text = _body(auth_client.get("/api/practice/export"))
    assert "secret" not in text and text.count("\r\n") == 1
