"""Conditional GETs on dictionary reads: a 304 saves the transfer, never the record of the
lookup (the view still runs)."""

from __future__ import annotations

import pytest

from dictionary.models import SearchAnalytics
from tests.dictionary.factories import EntryFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


def test_a_lookup_answers_304_to_its_own_etag(api_client):
    EntryFactory(term="Allegro")
    tag = api_client.get("/api/dictionary/terms/Allegro")["ETag"]
    again = api_client.get("/api/dictionary/terms/Allegro", HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again.content == b""


def test_a_304_lookup_is_still_recorded(api_client):
    EntryFactory(term="Allegro")
    tag = api_client.get("/api/dictionary/terms/Allegro")["ETag"]
    api_client.get("/api/dictionary/terms/Allegro", HTTP_IF_NONE_MATCH=tag)
    assert SearchAnalytics.objects.filter(found=True).count() == 2


def test_another_terms_tag_gets_the_full_answer(api_client):
    EntryFactory(term="Allegro")
    EntryFactory(term="Adagio")
    tag = api_client.get("/api/dictionary/terms/Allegro")["ETag"]
    other = api_client.get("/api/dictionary/terms/Adagio", HTTP_IF_NONE_MATCH=tag)
    assert other.status_code == 200 and other.json()["entry"]["term"] == "Adagio"


def test_a_miss_is_a_404_without_an_etag(api_client):
    response = api_client.get("/api/dictionary/terms/Nonexistent")
    assert response.status_code == 404 and not response.has_header("ETag")


def test_search_results_answer_304_to_their_etag(api_client):
    EntryFactory(term="Allegro")
    tag = api_client.get("/api/dictionary/search", {"q": "alle"})["ETag"]
    again = api_client.get("/api/dictionary/search", {"q": "alle"}, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304
