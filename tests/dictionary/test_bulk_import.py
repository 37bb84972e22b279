"""The dictionary's bulk import services: entries by (term, language) under the content rules
entries meet everywhere, never replacing one here; relations and feedback once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dictionary.models import DB, DictionaryEntry, RelatedTerm, UserFeedback
from dictionary.services import (
    EntryRecord,
    FeedbackRecord,
    RelationRecord,
    entries_import,
    feedback_import,
    relations_import,
)
from tests.dictionary.factories import EntryFactory, definition_for
from tests.planner import planner_row_count

pytestmark = pytest.mark.django_db(databases=["dictionary"])
T0 = datetime(2024, 1, 5, tzinfo=UTC)


def _entry(**fields) -> EntryRecord:
    values = {
        "term": "Allegro",
        "lang": "en",
        "type": "tempo",
        "definition": definition_for("Allegro"),
        "created_at": T0,
        "updated_at": T0,
        "overall_score": 85,
    }
    return EntryRecord(**{**values, **fields})


def test_an_entry_is_created_as_the_ais_and_keeps_its_documents():
    [(status, entry_id)] = entries_import(
        records=[_entry(references={"wikipedia": {"url": "https://x"}}, version=3)]
    )
    entry = DictionaryEntry.objects.get(pk=entry_id)
    assert (status, entry.source, entry.version, entry.normalized_term) == (
        "created",
        "ai",
        3,
        "allegro",
    )
    assert entry.references == {"wikipedia": {"url": "https://x"}}


def test_the_same_entry_is_unchanged_and_one_written_here_is_kept():
    entries_import(records=[_entry()])
    assert entries_import(records=[_entry()])[0][0] == "unchanged"
    staff = EntryFactory(term="Forte")
    assert entries_import(records=[_entry(term="forte ")]) == [("kept", staff.pk)]
    staff.refresh_from_db()
    assert staff.source == "staff"


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"term": " "}, "term"),
        ({"lang": "it"}, "lang"),
        ({"type": "mood"}, "type"),
        ({"overall_score": 120}, "overall_score"),
        ({"definition": {"concise": "Fast."}}, "detailed"),
        ({"definition": "Fast."}, "definition"),
    ],
)
def test_an_entry_the_dictionary_refuses_fails(fields, reason):
    [(status, detail)] = entries_import(records=[_entry(**fields)])
    assert status == "failed" and reason in detail
    assert not DictionaryEntry.objects.exists()


def test_a_dry_run_writes_no_entry():
    assert entries_import(records=[_entry()], dry_run=True)[0][0] == "created"
    assert not DictionaryEntry.objects.exists()


def test_relations_are_created_once_between_entries_here():
    a, b = EntryFactory(), EntryFactory()
    record = RelationRecord(a.pk, b.pk, "see_also", 0.8)
    assert relations_import(records=[record])[0][0] == "created"
    assert relations_import(records=[record])[0][0] == "unchanged"
    assert relations_import(records=[RelationRecord(a.pk, a.pk, "see_also")])[0][0] == "failed"
    assert relations_import(records=[RelationRecord(a.pk, "gone", "related")])[0][0] == "failed"
    assert RelatedTerm.objects.get().confidence == 0.8


def test_feedback_is_one_per_user_and_counts_on_the_entry():
    entry = EntryFactory()
    record = FeedbackRecord(entry.pk, "u1", 4, T0, helpful=True, comment="Clear")
    assert feedback_import(records=[record])[0][0] == "created"
    assert feedback_import(records=[record])[0][0] == "unchanged"
    assert feedback_import(records=[FeedbackRecord(entry.pk, "u1", 2, T0)])[0][0] == "kept"
    entry.refresh_from_db()
    assert (entry.feedback_count, entry.rating_average, entry.helpful_count) == (1, 4.0, 1)
    assert UserFeedback.objects.get().created_at == T0


def test_an_import_that_adds_entries_leaves_fresh_planner_statistics():
    entries_import(records=[_entry(term=f"Vivace {n}") for n in range(4)])
    assert planner_row_count(DB, DictionaryEntry._meta.db_table) == 4
