"""POST /api/dictionary/terms/{id}/feedback: one per user and entry, aggregates on the entry."""

from __future__ import annotations

import pytest

from dictionary.models import DictionaryEntry, UserFeedback
from tests.accounts.factories import UserFactory
from tests.dictionary.factories import EntryFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])


def send(client, entry_id, **body):
    return client.post(f"/api/dictionary/terms/{entry_id}/feedback", body, format="json")


def test_signing_in_is_required(api_client):
    entry = EntryFactory()
    assert send(api_client, entry.id, rating=5).status_code == 401
    assert not UserFeedback.objects.exists()


def test_first_feedback_is_created(auth_client):
    entry = EntryFactory()
    response = send(auth_client, entry.id, rating=4, helpful=True, comment="Clear.")
    assert response.status_code == 201
    body = response.json()
    assert body["feedback"]["rating"] == 4
    assert body["aggregates"] == {"count": 1, "averageRating": 4.0, "helpfulCount": 1}
    row = UserFeedback.objects.get()
    assert (row.user_id, row.entry_id, row.comment) == (auth_client.user.pk, entry.id, "Clear.")


def test_sending_again_updates_the_same_feedback(auth_client):
    entry = EntryFactory()
    send(auth_client, entry.id, rating=2, helpful=False)
    response = send(auth_client, entry.id, rating=5)
    assert response.status_code == 200
    assert UserFeedback.objects.count() == 1
    assert UserFeedback.objects.get().rating == 5
    assert response.json()["aggregates"]["count"] == 1


def test_aggregates_from_several_users_show_on_the_entry(make_auth_client, api_client):
    entry = EntryFactory(term="Legato")
    send(make_auth_client(UserFactory()), entry.id, rating=5, helpful=True)
    send(make_auth_client(UserFactory()), entry.id, rating=2, helpful=False)
    stored = DictionaryEntry.objects.get(pk=entry.pk)
    assert (stored.feedback_count, stored.rating_average, stored.helpful_count) == (2, 3.5, 1)
    shown = api_client.get("/api/dictionary/terms/legato").json()["entry"]["feedback"]
    assert shown == {"count": 2, "averageRating": 3.5, "helpfulCount": 1}


@pytest.mark.parametrize(
    "body",
    [{}, {"rating": 0}, {"rating": 6}, {"rating": "five"}, {"rating": 3, "comment": "x" * 1001}],
)
def test_bad_feedback_is_a_400(auth_client, body):
    entry = EntryFactory()
    response = auth_client.post(f"/api/dictionary/terms/{entry.id}/feedback", body, format="json")
    assert response.status_code == 400
    assert not UserFeedback.objects.exists()


def test_feedback_on_an_unknown_or_draft_entry_is_a_404(auth_client):
    draft = EntryFactory(status="draft")
    assert send(auth_client, "NOPE", rating=3).status_code == 404
    assert send(auth_client, draft.id, rating=3).status_code == 404
    assert not UserFeedback.objects.exists()
