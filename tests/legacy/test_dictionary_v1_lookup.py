"""D2 `GET /api/v1/terms/:term` and D3 `/terms/:term/languages` in the original's shapes:
full entries the client's zod schema accepts, misses recorded and queued as our lookup
does, a 404 that carries `data.suggestions`."""

from __future__ import annotations

import pytest

from dictionary.models import RelatedTerm, SearchAnalytics, SeedQueue
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


def lookup(client, term, **params):
    return client.get(f"{BASE}/terms/{term}", {"generate_if_missing": "true", **params})


def test_a_term_answers_its_entry_in_the_clients_shape(api_client):
    entry = EntryFactory(term="Allegro", type="tempo", metadata={"categories": ["tempo"]})
    data = data_of(lookup(api_client, "Allegro", lang="en"))
    body = data["entry"]
    assert_zod_entry(body)
    assert body["id"] == entry_uuid(entry.id)
    assert body["definition"]["usage_example"] == "Play it allegro."
    assert body["metadata"] == {"categories": ["tempo"]}
    assert body["quality_score"] == {"overall": 80}
    assert body["created_at"].endswith("Z")
    assert data["related_terms"] == []


def test_the_lookup_is_recorded_as_ours_is(api_client):
    entry = EntryFactory(term="Allegro")
    lookup(api_client, "allegro")
    row = SearchAnalytics.objects.get()
    assert (row.found, row.entry_id, row.source, row.search_lang) == (
        True,
        entry.id,
        "lookup",
        "en",
    )


def test_related_terms_carry_full_entries(api_client):
    entry = EntryFactory(term="Crescendo", metadata={"related_terms": ["Forte"]})
    dim = EntryFactory(term="Diminuendo")
    RelatedTerm.objects.create(
        entry=entry, related_entry=dim, relationship_type="antonym", confidence=0.9
    )
    EntryFactory(term="Forte")
    related = data_of(lookup(api_client, "crescendo"))["related_terms"]
    assert [(r["entry"]["term"], r["relationship_type"]) for r in related] == [
        ("Diminuendo", "antonym"),
        ("Forte", "related"),
    ]
    assert related[0]["confidence_score"] == 0.9
    for item in related:
        assert_zod_entry(item["entry"])


def test_a_miss_is_the_original_404_with_suggestions(api_client):
    EntryFactory(term="Sforzato")
    body = legacy_error(lookup(api_client, "Sforzando"), 404)
    assert body["error"] == "Term not found"
    assert body["data"] == {
        "term": "Sforzando",
        "normalized_term": "sforzando",
        "suggestions": ["Sforzato"],
    }


def test_a_miss_is_recorded_and_queued_exactly_as_our_lookup_does(api_client):
    for _ in range(4):
        lookup(api_client, "Hemiola")
    item = SeedQueue.objects.get()
    assert (item.normalized_term, item.lang, item.source, item.demand) == (
        "hemiola",
        "en",
        "miss",
        4,
    )
    assert SearchAnalytics.objects.filter(found=False, source="lookup").count() == 4


def test_a_typo_of_an_existing_term_is_recorded_but_not_queued(api_client):
    EntryFactory(term="Allegretto")
    legacy_error(lookup(api_client, "Allegreto"), 404)
    assert not SeedQueue.objects.exists()
    assert SearchAnalytics.objects.filter(found=False).count() == 1


def test_search_all_languages_answers_the_term_in_another_language(api_client):
    french = EntryFactory(term="Sourdine", lang="fr")
    data = data_of(lookup(api_client, "sourdine", lang="en", searchAllLanguages="true"))
    assert data["entry"]["id"] == entry_uuid(french.id)
    assert data["entry"]["lang"] == "fr"
    # Still a miss in English: demand for it is recorded and queued as ours would.
    assert SeedQueue.objects.get().lang == "en"


def test_without_search_all_languages_another_language_is_a_miss(api_client):
    EntryFactory(term="Sourdine", lang="fr")
    legacy_error(lookup(api_client, "sourdine", lang="en"), 404)


def test_draft_entries_are_not_served(api_client):
    EntryFactory(term="Hidden", status="draft")
    legacy_error(lookup(api_client, "Hidden"), 404)


@pytest.mark.parametrize("params", [{"lang": "xx"}, {"type": "loudness"}])
def test_bad_parameters_are_the_original_400(api_client, params):
    legacy_error(lookup(api_client, "allegro", **params), 400)


def test_an_overlong_term_is_the_original_400(api_client):
    legacy_error(lookup(api_client, "a" * 201), 400)


def test_a_garbage_token_reads_as_anonymous(api_client):
    EntryFactory(term="Allegro")
    api_client.credentials(HTTP_AUTHORIZATION="Bearer garbage")
    assert data_of(lookup(api_client, "allegro"))["entry"]["term"] == "Allegro"
    assert SearchAnalytics.objects.get().user_id == ""


def test_stored_parts_the_client_would_refuse_are_left_out(api_client):
    EntryFactory(
        term="Rubato",
        definition={"concise": "Robbed time.", "pronunciation": {"ipa": 1}, "translations": {}},
        references={
            "wikipedia": {
                "url": "not a url",
                "extract": "Rubato...",
                "last_verified": "2024-05-01",
            },
            "books": [{"title": "No author"}, {"title": "Ok", "author": "Someone"}],
        },
        metadata={"related_terms": ["Tempo", 3], "difficulty_level": "impossible"},
        quality={"human_verified": "yes", "verified_by": "seed"},
    )
    body = data_of(lookup(api_client, "rubato"))["entry"]
    assert_zod_entry(body)
    assert body["definition"] == {"concise": "Robbed time.", "pronunciation": {}}
    assert body["references"] == {
        "wikipedia": {"extract": "Rubato...", "last_verified": "2024-05-01T00:00:00Z"},
        "books": [{"title": "Ok", "author": "Someone"}],
    }
    assert body["metadata"] == {"related_terms": ["Tempo"]}
    assert body["quality_score"] == {"overall": 80}


def test_an_unscored_entry_has_no_quality_score_key(api_client):
    EntryFactory(term="Unscored", overall_score=None)
    body = data_of(lookup(api_client, "unscored"))["entry"]
    assert "quality_score" not in body
    assert_zod_entry(body)


def test_a_human_verified_entry_says_so_in_its_quality_score(api_client):
    EntryFactory(term="Legato", overall_score=92, quality={"human_verified": True})
    body = data_of(lookup(api_client, "legato"))["entry"]
    assert body["quality_score"] == {"overall": 92, "human_verified": True}


def test_languages_lists_the_term_in_every_language(api_client):
    en = EntryFactory(
        term="Fermata", definition={"concise": "Hold.", "translations": {"de": "Fermate"}}
    )
    de = EntryFactory(term="Fermate", lang="de")
    data = data_of(api_client.get(f"{BASE}/terms/fermata/languages"))
    assert {lang: e["id"] for lang, e in data["languages"].items()} == {
        "en": entry_uuid(en.id),
        "de": entry_uuid(de.id),
    }
    assert (data["term"], data["normalized_term"]) == ("fermata", "fermata")
    for entry in data["languages"].values():
        assert_zod_entry(entry)


def test_languages_keeps_only_the_languages_asked(api_client):
    EntryFactory(term="Fermata", definition={"concise": "Hold.", "translations": {"de": "Fermate"}})
    EntryFactory(term="Fermate", lang="de")
    data = data_of(api_client.get(f"{BASE}/terms/fermata/languages", {"languages": "de,fr"}))
    assert list(data["languages"]) == ["de"]


def test_languages_of_an_unknown_term_is_the_original_404(api_client):
    legacy_error(api_client.get(f"{BASE}/terms/nothing/languages"), 404)


def test_languages_with_an_unknown_code_is_the_original_400(api_client):
    legacy_error(api_client.get(f"{BASE}/terms/fermata/languages", {"languages": "en,xx"}), 400)
