"""GET /api/dictionary/export: staff only, streamed."""

from __future__ import annotations

import csv
import json

import pytest

from dictionary.models import ExportHistory
from tests.accounts.factories import UserFactory
from tests.dictionary.factories import EntryFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_anonymous_and_non_staff_are_refused(api_client, auth_client):
    assert api_client.get("/api/dictionary/export").status_code == 401
    response = auth_client.get("/api/dictionary/export", {"format": "csv"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not ExportHistory.objects.exists()


def test_staff_get_a_json_export(make_auth_client):
    client = make_auth_client(UserFactory(is_staff=True))
    EntryFactory(term="Forte")
    response = client.get("/api/dictionary/export")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert [e["term"] for e in json.loads(body(response))] == ["Forte"]
    history = ExportHistory.objects.get()
    assert (history.via, history.total_entries, history.requested_by) == ("api", 1, client.user.pk)


def test_staff_get_a_csv_export_of_one_language(make_auth_client):
    client = make_auth_client(UserFactory(is_staff=True))
    EntryFactory(term="Forte", lang="en")
    EntryFactory(term="Fuerte", lang="es")
    response = client.get("/api/dictionary/export", {"format": "csv", "lang": "es"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(body(response).splitlines()))
    assert [r["term"] for r in rows] == ["Fuerte"]


def test_a_bad_format_is_a_400(make_auth_client):
    client = make_auth_client(UserFactory(is_staff=True))
    assert client.get("/api/dictionary/export", {"format": "xml"}).status_code == 400
