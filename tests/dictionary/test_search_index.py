"""The substring index under dictionary search: writes reach it at once (inserts, edits,
deletes, bulk loads), and what it cannot index (short or odd text) is still found."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from dictionary.models import DB, KEY_SEARCH, DictionaryEntry
from dictionary.selectors.search import entry_search
from tests.dictionary.factories import EntryFactory
from tests.planner import planner_row_count

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


def found(q: str) -> list[str]:
    """Terms the SQL tiers find (typo matches come from elsewhere, not the index)."""
    page = entry_search(key=q, lang="", type="", limit=50, offset=0)
    return [item["term"] for item in page.items if item["match"] != "typo"]


def test_the_index_is_installed_by_the_migrations():
    assert KEY_SEARCH.installed()


def test_a_new_entry_is_found_by_a_substring_at_once():
    EntryFactory(term="Allegro ma non troppo")
    assert found("non trop") == ["Allegro ma non troppo"]


def test_an_edited_term_is_found_by_its_new_text_and_not_its_old():
    entry = EntryFactory(term="Andantino")
    entry.term = "Larghetto"
    entry.save()
    assert found("dantin") == []
    assert found("rghett") == ["Larghetto"]


def test_a_new_synonym_is_found_after_an_edit():
    entry = EntryFactory(term="Tempo primo", metadata={})
    entry.metadata = {"synonyms": ["come prima"]}
    entry.save()
    assert found("come pri") == ["Tempo primo"]


def test_a_deleted_entry_is_no_longer_found():
    EntryFactory(term="Rallentando")
    DictionaryEntry.objects.using(DB).filter(term="Rallentando").delete()
    assert found("allentan") == []


def test_a_queryset_update_of_the_keys_reaches_the_index():
    EntryFactory(term="Ritenuto")
    DictionaryEntry.objects.using(DB).update(search_key="sostenuto")
    assert found("stenut") == ["Ritenuto"]
    assert found("itenut") == []


def test_text_shorter_than_a_trigram_is_still_found():
    EntryFactory(term="Fp")
    EntryFactory(term="Sfp")
    assert sorted(found("fp")) == ["Fp", "Sfp"]


def test_quotes_and_search_syntax_in_the_query_are_plain_text(api_client):
    EntryFactory(term='Say "ah" AND OR NEAR')
    for q in ['"ah"', "AND OR", 'y "ah" and', "NEAR(", "*"]:
        response = api_client.get("/api/dictionary/search", {"q": q})
        assert response.status_code == 200, (q, response.content)
    assert found('"ah" and') == ['Say "ah" AND OR NEAR']


def test_a_bulk_load_is_searchable_and_leaves_planner_statistics():
    rows = [DictionaryEntry(term=f"Cantabile {n}", definition={"concise": "x"}) for n in range(30)]
    for row in rows:
        row.refresh_keys()
    DictionaryEntry.objects.using(DB).bulk_create(rows)
    KEY_SEARCH.analyze()
    assert len(found("antabile 1")) == 11  # 1 and 10-19
    assert planner_row_count(DB, KEY_SEARCH.table) == 30


def test_on_sqlite_suggestions_read_through_the_index(api_client):
    if connections[DB].vendor != "sqlite":
        pytest.skip("PostgreSQL answers the same LIKE from its trigram index, unchanged")
    EntryFactory(term="Crescendo", lang="en")
    with CaptureQueriesContext(connections[DB]) as queries:
        response = api_client.get("/api/dictionary/suggest", {"q": "cresc"})
    assert [i["term"] for i in response.json()["items"]] == ["Crescendo"]
    assert any(KEY_SEARCH.fts_table in q["sql"] for q in queries.captured_queries)
