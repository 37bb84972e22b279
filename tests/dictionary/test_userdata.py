"""The dictionary's part of a user's export and erasure."""

from __future__ import annotations

import pytest

from accounts.userdata import registered_parts
from dictionary.models import DictionaryEntry, SearchAnalytics, UserFeedback
from tests.accounts.factories import UserFactory
from tests.dictionary.factories import EntryFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


def part():
    return next(p for p in registered_parts() if p.name == "dictionary")


def test_the_part_is_registered_on_the_dictionary_database():
    assert part().database == "dictionary"


def test_export_holds_the_users_feedback_and_searches_only(user):
    entry = EntryFactory(term="Forte")
    UserFeedback.objects.create(entry=entry, user_id=user.pk, rating=4, comment="Good")
    UserFeedback.objects.create(entry=entry, user_id="someone-else", rating=1)
    SearchAnalytics.objects.create(
        term="forte", normalized_term="forte", found=True, source="lookup", user_id=user.pk
    )
    sections = {name: list(rows) for name, rows in part().export(user)}
    assert [(r["term"], r["rating"], r["comment"]) for r in sections["dictionary_feedback"]] == [
        ("Forte", 4, "Good")
    ]
    assert [r["term"] for r in sections["dictionary_searches"]] == ["forte"]


def test_erase_deletes_feedback_refreshes_aggregates_and_anonymises_searches(user):
    entry = EntryFactory(term="Forte")
    other = UserFactory()
    UserFeedback.objects.create(entry=entry, user_id=user.pk, rating=1)
    UserFeedback.objects.create(entry=entry, user_id=other.pk, rating=5)
    DictionaryEntry.objects.filter(pk=entry.pk).update(feedback_count=2, rating_average=3.0)
    SearchAnalytics.objects.create(
        term="forte", normalized_term="forte", found=True, source="lookup", user_id=user.pk
    )
    counts = part().erase(user)
    assert counts == {"user_feedback": 1, "search_analytics (anonymised)": 1}
    assert list(UserFeedback.objects.values_list("user_id", flat=True)) == [other.pk]
    stored = DictionaryEntry.objects.get(pk=entry.pk)
    assert (stored.feedback_count, stored.rating_average) == (1, 5.0)
    row = SearchAnalytics.objects.get()
    assert row.user_id == "" and row.term == "forte"
