"""GET /api/dictionary/search, /suggest and /popular."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from dictionary.models import SearchAnalytics, SeedQueue
from tests.dictionary.factories import EntryFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


def search(client, **params):
    response = client.get("/api/dictionary/search", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_results_rank_exact_then_prefix_then_substring_then_typo(api_client):
    typo = EntryFactory(term="Tampo", overall_score=99)
    substring = EntryFactory(term="A tempo", overall_score=95)
    prefix = EntryFactory(term="Tempo primo", overall_score=90)
    exact = EntryFactory(term="Tempo", overall_score=10)
    body = search(api_client, q="tempo")
    assert [i["id"] for i in body["items"]] == [exact.id, prefix.id, substring.id, typo.id]
    assert [i["match"] for i in body["items"]] == ["exact", "prefix", "substring", "typo"]
    assert body["total"] == 4


def test_within_a_tier_quality_then_popularity_decide(api_client):
    low = EntryFactory(term="Forte piano", overall_score=50, search_count=100)
    popular = EntryFactory(term="Fortepiano", overall_score=90, search_count=50)
    quiet = EntryFactory(term="Fortissimo", overall_score=90, search_count=1)
    body = search(api_client, q="fort")
    assert [i["id"] for i in body["items"]] == [popular.id, quiet.id, low.id]


def test_synonyms_in_metadata_are_searched(api_client):
    entry = EntryFactory(term="Bar", metadata={"synonyms": ["Measure"]})
    body = search(api_client, q="measure")
    assert [(i["id"], i["match"]) for i in body["items"]] == [(entry.id, "exact")]


@pytest.mark.parametrize("typed", ["alegro", "allergo", "allegor", "Allegr0"])
def test_typos_still_find_the_term(api_client, typed):
    entry = EntryFactory(term="Allegro")
    EntryFactory(term="Andante")
    body = search(api_client, q=typed)
    assert [i["id"] for i in body["items"]] == [entry.id]


def test_search_is_accent_insensitive(api_client):
    entry = EntryFactory(term="Étude")
    assert [i["id"] for i in search(api_client, q="etude")["items"]] == [entry.id]


def test_filters_by_language_and_type(api_client):
    EntryFactory(term="Staccato", lang="en", type="articulation")
    es = EntryFactory(term="Staccato", lang="es", type="articulation")
    EntryFactory(term="Staccato dots", lang="es", type="notation")
    body = search(api_client, q="staccato", lang="es", type="articulation")
    assert [i["id"] for i in body["items"]] == [es.id]


@pytest.mark.parametrize("typed", ["p_", "p%"])
def test_pattern_characters_in_the_query_match_only_themselves(api_client, typed):
    """The ranked query is prepared once (mirubato.prepared) and each search's key is
    LIKE-escaped into it: `_` and `%` are letters here, never wildcards. (Two characters:
    too short for the trigram index, so the LIKE alone decides on every database.)"""
    EntryFactory(term="Pa")
    itself = EntryFactory(term=typed)
    body = search(api_client, q=typed)
    assert [(i["id"], i["match"]) for i in body["items"]] == [(itself.id, "exact")]


def test_each_search_runs_with_its_own_key_and_languages(api_client):
    en = EntryFactory(term="Presto", lang="en")
    fr = EntryFactory(term="Prestissimo", lang="fr")
    assert [i["id"] for i in search(api_client, q="presto", lang="en")["items"]] == [en.id]
    assert [i["id"] for i in search(api_client, q="prestissimo", lang="fr")["items"]] == [fr.id]
    assert {i["id"] for i in search(api_client, q="prest")["items"]} == {en.id, fr.id}


def test_pagination_runs_across_the_sql_and_typo_tiers(api_client):
    EntryFactory(term="Rondo", overall_score=90)
    EntryFactory(term="Rondo alla turca", overall_score=80)
    EntryFactory(term="Rondi", overall_score=70)  # typo tier
    first = search(api_client, q="rondo", limit=2)
    second = search(api_client, q="rondo", limit=2, offset=2)
    assert first["total"] == second["total"] == 3
    assert first["hasMore"] is True and second["hasMore"] is False
    assert [i["term"] for i in first["items"] + second["items"]] == [
        "Rondo",
        "Rondo alla turca",
        "Rondi",
    ]


def test_a_search_finding_nothing_records_and_queues_the_query(api_client):
    body = search(api_client, q="Hemiola", lang="en")
    assert body["items"] == [] and body["total"] == 0
    assert SeedQueue.objects.get().normalized_term == "hemiola"
    assert SearchAnalytics.objects.get(source="search").found is False


def test_a_search_with_results_records_the_first_and_queues_nothing(api_client):
    entry = EntryFactory(term="Cadence")
    search(api_client, q="caden")
    row = SearchAnalytics.objects.get()
    assert (row.found, row.entry_id) == (True, entry.id)
    assert not SeedQueue.objects.exists()


def test_an_empty_query_browses_by_quality(api_client):
    low = EntryFactory(overall_score=10)
    high = EntryFactory(overall_score=99)
    body = search(api_client)
    assert [i["id"] for i in body["items"]] == [high.id, low.id]
    assert not SearchAnalytics.objects.exists()


@pytest.mark.parametrize(
    "params", [{"limit": -1}, {"limit": 101}, {"lang": "xx"}, {"q": "x" * 201}]
)
def test_bad_search_parameters_are_a_400(api_client, params):
    assert api_client.get("/api/dictionary/search", params).status_code == 400


def test_suggest_returns_prefix_matches_first_and_at_most_twenty(api_client):
    for n in range(25):
        EntryFactory(term=f"Pia {n:02d}", search_count=n)
    EntryFactory(term="Mezzo piano", search_count=1000)
    response = api_client.get("/api/dictionary/suggest", {"q": "pia", "limit": 20})
    items = response.json()["items"]
    assert len(items) == 20
    assert items[0]["term"] == "Pia 24"
    assert all(i["term"].startswith("Pia") for i in items)
    assert api_client.get("/api/dictionary/suggest", {"q": "pia", "limit": 21}).status_code == 400


def test_suggest_falls_back_to_substring_matches(api_client):
    EntryFactory(term="Mezzo piano")
    items = api_client.get("/api/dictionary/suggest", {"q": "piano"}).json()["items"]
    assert [i["term"] for i in items] == ["Mezzo piano"]


def test_popular_counts_found_lookups_over_the_period(api_client):
    forte = EntryFactory(term="Forte")
    piano = EntryFactory(term="Piano")
    for _ in range(3):
        api_client.get("/api/dictionary/terms/forte")
    api_client.get("/api/dictionary/terms/piano")
    SearchAnalytics.objects.filter(entry_id=piano.id).update(
        searched_at=timezone.now() - timedelta(days=40)
    )
    body = api_client.get("/api/dictionary/popular", {"days": 30}).json()
    assert [(i["id"], i["searchCount"]) for i in body["items"]] == [(forte.id, 3)]
    assert body["periodDays"] == 30


def test_a_limit_of_zero_answers_the_total_alone(api_client):
    EntryFactory(term="Presto")
    EntryFactory(term="Prestissimo")
    body = search(api_client, q="prest", limit=0)
    assert body["items"] == [] and body["total"] == 2
