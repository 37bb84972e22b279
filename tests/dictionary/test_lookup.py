"""GET /api/dictionary/terms/{term}, /terms/id/{id}, /terms/{term}/languages, related."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from dictionary.models import RelatedTerm, SearchAnalytics, SeedQueue
from tests.dictionary.factories import EntryFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


def get(client, term, **params):
    return client.get(f"/api/dictionary/terms/{term}", params)


def test_it_returns_the_entry_and_records_the_lookup(api_client):
    entry = EntryFactory(term="Allegro", type="tempo", metadata={"categories": ["tempo"]})
    response = get(api_client, "Allegro")
    assert response.status_code == 200
    body = response.json()["entry"]
    assert body["id"] == entry.id
    assert body["definition"]["usageExample"] == "Play it allegro."
    assert body["metadata"]["categories"] == ["tempo"]
    assert body["qualityScore"] == 80
    assert body["feedback"] == {"count": 0, "averageRating": None, "helpfulCount": 0}
    row = SearchAnalytics.objects.get()
    assert (row.found, row.entry_id, row.source, row.search_lang) == (
        True,
        entry.id,
        "lookup",
        "en",
    )


@pytest.mark.parametrize(
    "typed", ["piu mosso", "PIÙ   MOSSO", "Pi\u0300u mosso".replace("i\u0300u", "iu\u0300")]
)
def test_it_finds_an_accented_term_without_accents_or_case(api_client, typed):
    entry = EntryFactory(term="Più mosso")
    response = get(api_client, typed)
    assert response.status_code == 200
    assert response.json()["entry"]["id"] == entry.id


def test_creme_finds_creme_with_its_accent(api_client):
    entry = EntryFactory(term="Crème")
    assert get(api_client, "creme").json()["entry"]["id"] == entry.id


def test_an_exact_accented_match_wins_over_an_accent_free_one(api_client):
    EntryFactory(term="Crème", overall_score=50)
    plain = EntryFactory(term="Creme", overall_score=40)
    assert get(api_client, "creme").json()["entry"]["id"] == plain.id


def test_it_looks_up_in_the_requested_language_and_type(api_client):
    EntryFactory(term="Piano", lang="en", type="dynamics")
    instrument = EntryFactory(term="Piano", lang="fr", type="instrument")
    assert get(api_client, "piano", lang="fr").json()["entry"]["id"] == instrument.id
    assert get(api_client, "piano", lang="fr", type="dynamics").status_code == 404


def test_a_synonym_finds_its_entry(api_client):
    entry = EntryFactory(term="Diminuendo", metadata={"synonyms": ["decrescendo"]})
    assert get(api_client, "Decrescendo").json()["entry"]["id"] == entry.id


def test_a_miss_is_a_404_with_suggestions_recorded_and_queued(api_client):
    EntryFactory(term="Sforzato")
    response = get(api_client, "Sforzando")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "term_not_found"
    assert error["details"]["suggestions"] == ["Sforzato"]
    assert error["details"]["queued"] is True
    row = SearchAnalytics.objects.get()
    assert (row.found, row.normalized_term, row.entry_id) == (False, "sforzando", "")
    item = SeedQueue.objects.get()
    assert (item.normalized_term, item.lang, item.source, item.demand) == (
        "sforzando",
        "en",
        "miss",
        1,
    )


def test_a_term_is_queued_once_and_its_priority_grows_with_demand(api_client):
    for _ in range(7):
        get(api_client, "Hemiola")
    item = SeedQueue.objects.get()
    assert item.demand == 7
    assert item.priority == 3 + 7 // 3
    assert SearchAnalytics.objects.filter(found=False).count() == 7


def test_a_typo_of_an_existing_term_is_not_queued(api_client):
    EntryFactory(term="Allegretto")
    response = get(api_client, "Allegreto")
    assert response.json()["error"]["details"]["suggestions"] == ["Allegretto"]
    assert response.json()["error"]["details"]["queued"] is False
    assert not SeedQueue.objects.exists()


def test_draft_entries_are_not_served(api_client):
    EntryFactory(term="Hidden", status="draft")
    assert get(api_client, "Hidden").status_code == 404


@pytest.mark.parametrize(
    ("term", "params", "field"),
    [("allegro", {"lang": "it"}, "lang"), ("allegro", {"type": "speed"}, "type")],
)
def test_bad_parameters_are_a_400_naming_them(api_client, term, params, field):
    response = get(api_client, term, **params)
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]


def test_an_overlong_or_blank_term_is_a_400(api_client):
    assert get(api_client, "x" * 201).status_code == 400
    assert get(api_client, "%20%20").json()["error"]["code"] == "invalid_term"
    assert not SeedQueue.objects.exists()


def test_a_cached_lookup_is_dropped_when_the_entry_is_edited(api_client):
    entry = EntryFactory(term="Adagio")
    assert get(api_client, "adagio").json()["entry"]["definition"]["concise"].startswith("Adagio")
    # A write that bypasses save() (no invalidation) is not seen: the lookup really is cached,
    # so the assertion after save() below tests invalidation, not an absent cache.
    changed = {**entry.definition, "concise": "Slow and at ease."}
    type(entry).objects.filter(pk=entry.pk).update(definition=changed)
    assert get(api_client, "adagio").json()["entry"]["definition"]["concise"].startswith("Adagio")
    entry.definition = changed
    entry.save()
    assert get(api_client, "adagio").json()["entry"]["definition"]["concise"] == "Slow and at ease."


def test_a_cached_lookup_still_records_analytics(api_client):
    EntryFactory(term="Largo")
    get(api_client, "largo")
    get(api_client, "largo")
    assert SearchAnalytics.objects.filter(found=True).count() == 2


def test_an_entry_is_served_by_id_and_unknown_ids_are_404(api_client):
    entry = EntryFactory(term="Presto")
    assert (
        api_client.get(f"/api/dictionary/terms/id/{entry.id}").json()["entry"]["term"] == "Presto"
    )
    response = api_client.get("/api/dictionary/terms/id/NOPE")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "entry_not_found"


def test_languages_lists_the_term_in_every_language_including_translations(api_client):
    en = EntryFactory(
        term="Fermata",
        definition={"concise": "Hold.", "translations": {"de": "Fermate", "zh-CN": "延长记号"}},
    )
    it_es = EntryFactory(term="Fermata", lang="es")
    de = EntryFactory(term="Fermate", lang="de")
    response = api_client.get("/api/dictionary/terms/fermata/languages")
    assert response.status_code == 200
    languages = response.json()["languages"]
    assert {k: v["id"] for k, v in languages.items()} == {"en": en.id, "es": it_es.id, "de": de.id}
    assert response.json()["translations"]["zh-CN"] == "延长记号"
    assert api_client.get("/api/dictionary/terms/nothing/languages").status_code == 404


def test_related_lists_table_relations_and_named_related_terms(api_client):
    entry = EntryFactory(term="Crescendo", metadata={"related_terms": ["Forte"]})
    dim = EntryFactory(term="Diminuendo")
    forte = EntryFactory(term="Forte")
    RelatedTerm.objects.create(
        entry=entry, related_entry=dim, relationship_type="antonym", confidence=0.9
    )
    response = api_client.get(f"/api/dictionary/terms/{entry.id}/related")
    items = response.json()["items"]
    assert [(i["entry"]["id"], i["relationshipType"]) for i in items] == [
        (dim.id, "antonym"),
        (forte.id, "related"),
    ]
    assert api_client.get("/api/dictionary/terms/NOPE/related").status_code == 404


def test_an_uncached_lookup_reads_the_entry_and_its_relations_in_two_queries(api_client):
    entry = EntryFactory(term="Fermata")
    with CaptureQueriesContext(connections["dictionary"]) as queries:
        response = get(api_client, "fermata")
    assert response.status_code == 200 and response.json()["relatedTerms"] == []
    reads = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(reads) == 2, reads  # the entry, and its related_terms rows (none)
    assert response.json()["entry"]["id"] == entry.id
