"""D1 search, D4 suggestions and D5 popular terms in the original's shapes: search results
are full entries (re-read by id), ranked by our search; a search finding nothing is queued
as ours queues it."""

from __future__ import annotations

import pytest

from dictionary.models import SearchAnalytics, SeedQueue
from legacy.dictionary_v1.ids import entry_uuid
from tests.dictionary.factories import EntryFactory
from tests.legacy.dictionary_v1_support import (
    BASE,
    DATABASES,
    assert_zod_entry,
    data_of,
    legacy_error,
)

pytestmark = pytest.mark.django_db(databases=DATABASES)


def search(client, **params):
    return client.get(f"{BASE}/search", params)


def test_results_are_full_entries_ranked_by_our_search(api_client):
    exact = EntryFactory(term="Allegro")
    prefix = EntryFactory(term="Allegretto")
    data = data_of(search(api_client, q="allegro", lang="en", limit=20))
    assert [e["id"] for e in data["results"]] == [entry_uuid(exact.id), entry_uuid(prefix.id)]
    assert data["total"] == 2
    assert data["query"] == {"q": "allegro", "lang": "en", "type": "", "limit": 20, "offset": 0}
    for entry in data["results"]:
        assert_zod_entry(entry)
        assert entry["definition"]["detailed"]


def test_search_all_languages_searches_every_language(api_client):
    EntryFactory(term="Piano", lang="en")
    EntryFactory(term="Piano", lang="fr")
    one = data_of(search(api_client, q="piano", lang="en"))
    every = data_of(search(api_client, q="piano", lang="en", searchAllLanguages="true"))
    assert [e["lang"] for e in one["results"]] == ["en"]
    assert sorted(e["lang"] for e in every["results"]) == ["en", "fr"]


def test_the_first_of_a_comma_type_list_filters(api_client):
    EntryFactory(term="Forte", type="dynamics")
    EntryFactory(term="Fortepiano", type="instrument")
    data = data_of(search(api_client, q="forte", type="instrument,dynamics"))
    assert [e["term"] for e in data["results"]] == ["Fortepiano"]


def test_offset_and_limit_page_the_results(api_client):
    for n in range(3):
        EntryFactory(term=f"Tempo {n}", overall_score=90 - n)
    data = data_of(search(api_client, q="tempo", limit=1, offset=1))
    assert [e["term"] for e in data["results"]] == ["Tempo 1"]
    assert (data["total"], data["query"]["offset"]) == (3, 1)


def test_an_empty_query_browses_by_quality(api_client):
    EntryFactory(term="Low", overall_score=10)
    EntryFactory(term="High", overall_score=95)
    assert [e["term"] for e in data_of(search(api_client, q=""))["results"]] == ["High", "Low"]


def test_a_search_is_recorded_and_one_finding_nothing_is_queued(api_client):
    EntryFactory(term="Allegro")
    search(api_client, q="allegro")
    body = api_client.get(f"{BASE}/search", {"q": "hemiola"}).json()
    assert (body["success"], body["data"]["results"], body["data"]["total"]) == (True, [], 0)
    rows = SearchAnalytics.objects.filter(source="search").order_by("id")
    assert [(r.normalized_term, r.found) for r in rows] == [("allegro", True), ("hemiola", False)]
    assert SeedQueue.objects.get().normalized_term == "hemiola"


def test_drafts_never_show_in_results(api_client):
    EntryFactory(term="Hidden term", status="draft")
    assert data_of(search(api_client, q="hidden"))["results"] == []


@pytest.mark.parametrize(
    "params", [{"q": "x", "limit": 101}, {"q": "x", "lang": "xx"}, {"q": "x" * 201}]
)
def test_bad_parameters_are_the_original_400(api_client, params):
    legacy_error(search(api_client, **params), 400)


def test_a_garbage_token_searches_as_anonymous(api_client):
    EntryFactory(term="Allegro")
    api_client.credentials(HTTP_AUTHORIZATION="Bearer garbage")
    assert data_of(search(api_client, q="allegro"))["total"] == 1


def test_suggestions_are_terms_once_each(api_client):
    EntryFactory(term="Allegro", type="tempo")
    EntryFactory(term="Allegretto")
    data = data_of(api_client.get(f"{BASE}/search/suggestions", {"q": "alle"}))
    assert sorted(s["term"] for s in data["suggestions"]) == ["Allegretto", "Allegro"]


def test_suggestions_without_a_query_are_the_original_400(api_client):
    legacy_error(api_client.get(f"{BASE}/search/suggestions"), 400)


def test_popular_terms_are_strings(api_client):
    allegro = EntryFactory(term="Allegro")
    EntryFactory(term="Largo")
    for _ in range(2):
        api_client.get(f"{BASE}/terms/allegro")
    data = data_of(api_client.get(f"{BASE}/search/popular", {"limit": 8}))
    assert data == {"terms": [allegro.term]}


def test_popular_with_a_bad_limit_is_the_original_400(api_client):
    legacy_error(api_client.get(f"{BASE}/search/popular", {"limit": 0}), 400)
