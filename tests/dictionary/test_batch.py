"""POST /api/dictionary/batch."""

from __future__ import annotations

import pytest

from dictionary.models import SearchAnalytics, SeedQueue
from tests.dictionary.factories import EntryFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


def test_it_returns_found_entries_and_the_misses(api_client):
    forte = EntryFactory(term="Forte", lang="de")
    response = api_client.post(
        "/api/dictionary/batch", {"terms": ["FORTE", "Tonleiter"], "lang": "de"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert [(f["term"], f["entry"]["id"]) for f in body["found"]] == [("FORTE", forte.id)]
    assert body["misses"] == [{"term": "Tonleiter", "normalizedTerm": "tonleiter"}]
    assert body["summary"] == {"requested": 2, "found": 1, "missing": 1}
    assert SearchAnalytics.objects.filter(source="batch").count() == 2
    assert SeedQueue.objects.get().lang == "de"


def test_it_accepts_fifty_terms(api_client):
    response = api_client.post(
        "/api/dictionary/batch", {"terms": [f"t{n}" for n in range(50)]}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["summary"]["requested"] == 50


def test_more_than_fifty_terms_is_a_400_and_writes_nothing(api_client):
    response = api_client.post(
        "/api/dictionary/batch", {"terms": [f"t{n}" for n in range(51)]}, format="json"
    )
    assert response.status_code == 400
    assert "terms" in response.json()["error"]["details"]
    assert not SearchAnalytics.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{"terms": []}, {"terms": "forte"}, {}, {"terms": ["x" * 201]}, {"terms": ["a"], "lang": "it"}],
)
def test_bad_batches_are_a_400(api_client, body):
    assert api_client.post("/api/dictionary/batch", body, format="json").status_code == 400
    assert not SeedQueue.objects.exists()


def test_a_blank_term_in_a_batch_is_a_400(api_client):
    response = api_client.post(
        "/api/dictionary/batch", {"terms": ["forte", " \u200b "]}, format="json"
    )
    assert response.status_code == 400
    assert not SearchAnalytics.objects.exists()
