"""D6 `POST /api/v1/terms/:uuid/feedback {helpful}`: the entry named by its UUID, our rating
(one per user and entry), a signed-in user required as ours requires; and the UUID mapping
of entry ids both ways."""

from __future__ import annotations

import uuid

import pytest
from rest_framework.throttling import ScopedRateThrottle

from dictionary.models import DictionaryEntry, UserFeedback
from legacy.dictionary_v1.ids import entry_id_of, entry_uuid
from mirubato.ids import new_id
from tests.accounts.factories import UserFactory
from tests.dictionary.factories import EntryFactory
from tests.legacy.dictionary_v1_support import BASE, DATABASES, UUID, data_of, legacy_error
from tests.legacy.scorebook_support import expired_token, with_token

pytestmark = pytest.mark.django_db(databases=DATABASES)


def send(client, entry_id_or_uuid: str, body: object):
    return client.post(f"{BASE}/terms/{entry_id_or_uuid}/feedback", body, format="json")


def test_every_ulid_maps_to_an_rfc_uuid_and_back():
    for _ in range(2000):
        entry_id = new_id()
        text = entry_uuid(entry_id)
        assert UUID.match(text)
        parsed = uuid.UUID(text)
        assert (parsed.version, parsed.variant) == (8, uuid.RFC_4122)
        assert entry_id_of(text) == entry_id


def test_the_mapping_is_deterministic_and_keeps_creation_order():
    older, newer = "01HZZZZZZZZZZZZZZZZZZZZZZZ", "01J00000000000000000000000"
    assert entry_uuid(older) == entry_uuid(older)
    assert entry_uuid(older) < entry_uuid(newer)


def test_an_id_that_is_not_a_ulid_still_gets_a_valid_uuid_that_maps_nowhere():
    text = entry_uuid("imported-entry-7")
    assert UUID.match(text) and uuid.UUID(text).version == 5
    assert entry_id_of(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "not-a-uuid",
        "2f1b9c7e-8d4a-4f3b-9a61-0c5e7d2b4a10",
        "00000000-0000-0000-0000-000000000000",
        "",
    ],
)
def test_a_uuid_that_no_ulid_maps_to_names_nothing(text):
    assert entry_id_of(text) is None


@pytest.mark.parametrize(("helpful", "rating"), [(True, 5), (False, 1)])
def test_helpful_becomes_our_rating(make_auth_client, helpful, rating):
    user = UserFactory()
    entry = EntryFactory()
    data = data_of(send(make_auth_client(user), entry_uuid(entry.id), {"helpful": helpful}), 201)
    stored = UserFeedback.objects.get()
    assert (stored.entry_id, stored.user_id, stored.rating, stored.helpful) == (
        entry.id,
        user.pk,
        rating,
        helpful,
    )
    assert data["entry_id"] == entry_uuid(entry.id)
    assert data["feedback_id"] == stored.id


def test_a_rating_and_text_the_client_sends_are_kept(auth_client):
    entry = EntryFactory()
    send(auth_client, entry_uuid(entry.id), {"helpful": True, "rating": 3, "text": "Clear."})
    assert (UserFeedback.objects.get().rating, UserFeedback.objects.get().comment) == (3, "Clear.")


def test_sending_again_updates_the_same_feedback(auth_client):
    entry = EntryFactory()
    send(auth_client, entry_uuid(entry.id), {"helpful": True})
    response = send(auth_client, entry_uuid(entry.id), {"helpful": False})
    assert data_of(response)["aggregates"] == {
        "count": 1,
        "average_rating": 1.0,
        "helpful_count": 0,
    }
    assert DictionaryEntry.objects.get(pk=entry.pk).rating_average == 1.0


def test_anonymous_feedback_is_a_401_and_stores_nothing(api_client):
    entry = EntryFactory()
    legacy_error(send(api_client, entry_uuid(entry.id), {"helpful": True}), 401)
    assert not UserFeedback.objects.exists()


def test_feedback_with_an_expired_token_is_a_401(api_client, settings):
    entry = EntryFactory()
    with_token(api_client, expired_token(settings, UserFactory()))
    legacy_error(send(api_client, entry_uuid(entry.id), {"helpful": True}), 401)


def test_a_uuid_that_names_no_entry_is_a_404(auth_client):
    legacy_error(send(auth_client, entry_uuid(new_id()), {"helpful": True}), 404)
    legacy_error(send(auth_client, str(uuid.uuid4()), {"helpful": True}), 404)
    assert not UserFeedback.objects.exists()


def test_our_own_ulid_is_not_accepted_in_place_of_the_uuid(auth_client):
    entry = EntryFactory()
    legacy_error(send(auth_client, entry.id, {"helpful": True}), 404)


def test_a_draft_entry_takes_no_feedback(auth_client):
    entry = EntryFactory(status="draft")
    legacy_error(send(auth_client, entry_uuid(entry.id), {"helpful": True}), 404)


@pytest.mark.parametrize(
    "body",
    [{}, {"helpful": "maybe"}, {"rating": 9}, {"helpful": True, "text": "x" * 1001}, [1, 2]],
)
def test_bad_feedback_is_the_original_400(auth_client, body):
    entry = EntryFactory()
    legacy_error(send(auth_client, entry_uuid(entry.id), body), 400)
    assert not UserFeedback.objects.exists()


def test_feedback_shares_our_feedback_throttle(auth_client, monkeypatch):
    rates = {**ScopedRateThrottle.THROTTLE_RATES, "dictionary_feedback": "1/min"}
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", rates)
    entry = EntryFactory()
    data_of(send(auth_client, entry_uuid(entry.id), {"helpful": True}), 201)
    legacy_error(send(auth_client, entry_uuid(entry.id), {"helpful": False}), 429)
    rest = auth_client.post(f"/api/dictionary/terms/{entry.id}/feedback", {"rating": 2})
    assert rest.status_code == 429
