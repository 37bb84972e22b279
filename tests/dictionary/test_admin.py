"""The dictionary admin: structured editing, review actions, dead letters, seed priorities."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from dictionary.models import DeadLetter, DictionaryEntry, ManualReview, RecoveryHistory, SeedQueue
from tests.accounts.factories import UserFactory
from tests.dictionary.factories import EntryFactory, QueueItemFactory, ReviewFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])
REVIEWS = "/admin/dictionary/manualreview/"


@pytest.fixture
def staff() -> Client:
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def action(client, url, name, ids):
    return client.post(url, {"action": name, "_selected_action": ids}, follow=True)


def content_form(**overrides) -> dict:
    form = {
        "concise": "A short definition.",
        "detailed": "A longer definition written by staff, with enough words to be useful here.",
        "etymology": "From Italian.",
        "pronunciation": "ˈtɛst",  # noqa: RUF001 (deliberate)
        "usage_example": "Use it like this.",
        "categories": "tempo, Italian term",
        "instruments": "",
        "related_terms": "Allegro",
        "synonyms": "quick",
        "wikipedia_url": "",
    }
    return {**form, **overrides}


def test_non_staff_cannot_open_the_dictionary_admin():
    client = Client()
    client.force_login(UserFactory())
    assert client.get(REVIEWS).status_code == 302


def test_the_entry_form_edits_the_definition_as_separate_fields(staff):
    entry = EntryFactory(
        term="Lento", definition={"concise": "Slow.", "translations": {"de": "langsam"}}
    )
    page = staff.get(f"/admin/dictionary/dictionaryentry/{entry.id}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="concise"' in html and 'name="usage_example"' in html
    assert 'name="definition"' not in html  # no raw JSON box
    form = {
        "term": "Lento",
        "lang": "en",
        "type": "tempo",
        "status": "published",
        "overall_score": "88",
        **content_form(concise="Slow, slower than andante."),
    }
    response = staff.post(f"/admin/dictionary/dictionaryentry/{entry.id}/change/", form)
    assert response.status_code == 302, response.content[:2000]
    entry.refresh_from_db()
    assert entry.definition["concise"] == "Slow, slower than andante."
    assert entry.definition["pronunciation"] == {"ipa": "ˈtɛst"}  # noqa: RUF001 (deliberate)
    assert entry.definition["translations"] == {"de": "langsam"}  # kept
    assert entry.metadata["categories"] == ["tempo", "Italian term"]
    assert entry.synonym_keys == "|quick|"
    assert (entry.version, entry.overall_score) == (2, 88)


def test_the_entry_list_filters_by_quality_band(staff):
    EntryFactory(term="Good one", overall_score=95)
    EntryFactory(term="Poor one", overall_score=20)
    html = staff.get("/admin/dictionary/dictionaryentry/", {"quality": "poor"}).content.decode()
    assert "Poor one" in html and "Good one" not in html


def test_approving_publishes_the_entry_and_says_so(staff):
    review = ReviewFactory(term="Larghetto")
    item = QueueItemFactory(term="Larghetto", status="review")
    ManualReview.objects.filter(pk=review.pk).update(queue_item_id=item.id)
    response = action(staff, REVIEWS, "approve_selected", [review.id])
    assert "Approved and published 1: Larghetto." in messages_of(response)
    entry = DictionaryEntry.objects.get(normalized_term="larghetto")
    assert (entry.source, entry.status, entry.type) == ("review", "published", "tempo")
    assert entry.quality["human_verified"] is True
    review.refresh_from_db()
    assert (review.status, review.entry_id) == ("approved", entry.id)
    assert SeedQueue.objects.get(pk=item.pk).status == "completed"


def test_an_empty_review_item_cannot_be_approved_without_writing_it(staff):
    review = ReviewFactory(term="Hemiola", generated_content={})
    response = action(staff, REVIEWS, "approve_selected", [review.id])
    assert any("has no definition yet" in m for m in messages_of(response))
    assert not DictionaryEntry.objects.exists()
    assert ManualReview.objects.get().status == "pending"


def test_rejecting_discards_and_says_so(staff):
    review = ReviewFactory(term="Nonsense")
    response = action(staff, REVIEWS, "reject_selected", [review.id])
    assert "Rejected 1: Nonsense." in messages_of(response)
    assert ManualReview.objects.get().status == "rejected"
    assert not DictionaryEntry.objects.exists()


def test_an_already_decided_item_is_not_decided_twice(staff):
    review = ReviewFactory(status="rejected")
    response = action(staff, REVIEWS, "approve_selected", [review.id])
    assert any("already decided" in m for m in messages_of(response))
    assert not DictionaryEntry.objects.exists()


def test_edit_and_approve_publishes_the_edited_text(staff):
    review = ReviewFactory(term="Hemiola", generated_content={}, type="general")
    form = {
        "type": "theory",
        "reviewer_notes": "Written by hand.",
        "_approve": "Save and approve",
        **content_form(concise="Three against two."),
    }
    response = staff.post(f"{REVIEWS}{review.id}/change/", form, follow=True)
    assert "Saved and published 'Hemiola' (en)." in messages_of(response)
    entry = DictionaryEntry.objects.get(normalized_term="hemiola")
    assert (entry.type, entry.definition["concise"]) == ("theory", "Three against two.")
    review.refresh_from_db()
    assert (review.status, review.reviewer_notes) == ("approved", "Written by hand.")


def test_requeueing_a_dead_letter_gives_the_term_a_fresh_start(staff):
    item = QueueItemFactory(term="Broken", status="dead", attempts=3)
    letter = DeadLetter.objects.create(
        original_id=item.id,
        term="Broken",
        failure_reason="HTTP 500",
        original_created_at=item.created_at,
        attempts=3,
    )
    response = action(staff, "/admin/dictionary/deadletter/", "requeue_selected", [letter.id])
    assert "Requeued 1: Broken." in messages_of(response)
    item.refresh_from_db()
    assert (item.status, item.attempts, item.next_attempt_at) == ("pending", 0, None)
    assert not DeadLetter.objects.exists()
    assert RecoveryHistory.objects.get().action == "requeued"


def test_staff_edit_seed_queue_priorities_in_the_list(staff):
    item = QueueItemFactory(priority=3)
    form = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": item.id,
        "form-0-priority": "9",
        "_save": "Save",
    }
    response = staff.post("/admin/dictionary/seedqueue/", form)
    assert response.status_code == 302
    assert SeedQueue.objects.get().priority == 9
    form["form-0-priority"] = "11"
    assert staff.post("/admin/dictionary/seedqueue/", form).status_code == 200  # form error
    assert SeedQueue.objects.get().priority == 9


@pytest.mark.parametrize(
    "model",
    [
        "aitokenusage",
        "aimodelusage",
        "dailystatistics",
        "cachemetric",
        "exporthistory",
        "recoveryhistory",
        "searchanalytics",
    ],
)
def test_usage_and_statistics_are_read_only(staff, model):
    assert staff.get(f"/admin/dictionary/{model}/").status_code == 200
    assert staff.get(f"/admin/dictionary/{model}/add/").status_code == 403
