"""POST /legacy/api/sync/pull: the caller's live state in the original's buckets."""

from __future__ import annotations

import pytest
from rest_framework.throttling import ScopedRateThrottle

from sync.services import entity_write
from tests.accounts.factories import UserFactory
from tests.legacy.sync_support import (
    PULL,
    deleted,
    entry,
    goal,
    legacy_pull,
    legacy_push,
    occurrence,
    plan,
    template,
)
from tests.sync.client import pull_all

pytestmark = pytest.mark.django_db(databases=["default"])

BUCKETS = ["entries", "goals", "practicePlans", "planOccurrences", "planTemplates"]


def test_a_new_user_gets_every_key_with_empty_lists(auth_client):
    response = legacy_pull(auth_client)
    assert response.status_code == 200
    body = response.json()
    assert sorted(body) == sorted([*BUCKETS, "syncToken", "timestamp"])
    assert all(body[bucket] == [] for bucket in BUCKETS)
    assert body["timestamp"].endswith("Z") and body["syncToken"]


def test_each_type_lands_in_its_bucket_with_the_stored_data_verbatim(auth_client):
    legacy_push(
        auth_client,
        {
            "entries": [entry("e1", type="LESSON"), entry("e2", tags=["etude"])],
            "goals": [goal("g1")],
            "practicePlans": [plan("p1")],
            "planOccurrences": [occurrence("o1", "p1")],
            "planTemplates": [template("t1")],
        },
    )
    body = legacy_pull(auth_client).json()
    assert [e["id"] for e in body["entries"]] == ["e1", "e2"]
    assert body["entries"][0]["type"] == "lesson"  # as our validation stored it
    # Kept as sent, but for what our validation normalises (a piece gets its score id).
    sent, got = entry("e2", tags=["etude"]), body["entries"][1]
    assert {k: v for k, v in got.items() if k != "pieces"} == {
        k: v for k, v in sent.items() if k != "pieces"
    }
    assert got["pieces"][0] == {**sent["pieces"][0], "id": got["pieces"][0]["id"]}
    assert body["goals"] == [goal("g1")]
    assert body["practicePlans"] == [plan("p1")]
    assert body["planOccurrences"] == [occurrence("o1", "p1")]
    assert body["planTemplates"] == [template("t1", authorId=str(auth_client.user.pk))]


def test_preferences_and_repertoire_items_are_not_the_clients_to_see(auth_client):
    user = auth_client.user
    entity_write(user=user, entity_type="user_preferences", entity_id=str(user.pk), data={})
    entity_write(user=user, entity_type="repertoire_item", entity_id="s1", data={"x": 1})
    body = legacy_pull(auth_client).json()
    assert all(body[bucket] == [] for bucket in BUCKETS)


def test_deleted_entities_are_left_out_with_no_tombstone(auth_client):
    legacy_push(auth_client, {"entries": [entry("e1"), entry("e2")], "goals": [goal("g1")]})
    legacy_push(
        auth_client, {"entries": [deleted("e1")], "goals": [{**goal("g1"), **deleted("g1")}]}
    )
    body = legacy_pull(auth_client).json()
    assert [e["id"] for e in body["entries"]] == ["e2"]
    assert body["goals"] == []


def test_another_users_data_is_never_in_the_pull(auth_client, make_auth_client):
    other = make_auth_client(UserFactory())
    legacy_push(other, {"entries": [entry("theirs")], "goals": [goal("their_goal")]})
    legacy_push(auth_client, {"entries": [entry("mine")]})
    body = legacy_pull(auth_client).json()
    assert [e["id"] for e in body["entries"]] == ["mine"]
    assert body["goals"] == []


def test_it_follows_the_feed_to_the_end_and_the_token_is_the_head(auth_client, settings):
    settings.SYNC_PULL_MAX_LIMIT = 2
    legacy_push(auth_client, {"entries": [entry(f"e{n}") for n in range(5)]})
    legacy_push(auth_client, {"entries": [deleted("e0"), entry("e1", notes="edited")]})
    body = legacy_pull(auth_client).json()
    assert [e["id"] for e in body["entries"]] == ["e2", "e3", "e4", "e1"]
    assert body["entries"][-1]["notes"] == "edited"
    # The token is our cursor at the head: nothing is newer than it.
    assert pull_all(auth_client, body["syncToken"])[0] == []


def test_the_types_and_since_of_the_body_are_ignored_as_by_the_original(auth_client):
    legacy_push(auth_client, {"entries": [entry("e1")], "practicePlans": [plan("p1")]})
    asked = {"types": ["practice_plan", "plan_occurrence"], "since": None}
    body = legacy_pull(auth_client, asked).json()
    assert [e["id"] for e in body["entries"]] == ["e1"]
    assert [p["id"] for p in body["practicePlans"]] == ["p1"]


def test_anonymous_is_a_401_in_the_original_error_body(api_client):
    response = api_client.post(PULL)
    assert response.status_code == 401
    body = response.json()
    assert (body["success"], body["code"]) == (False, 401)
    assert isinstance(body["error"], str)


def test_it_is_throttled_like_our_pull(auth_client, monkeypatch):
    rates = {**ScopedRateThrottle.THROTTLE_RATES, "sync": "1/min"}
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", rates)
    assert legacy_pull(auth_client).status_code == 200
    response = legacy_pull(auth_client)
    assert response.status_code == 429
    assert (response.json()["success"], response.json()["code"]) == (False, 429)
