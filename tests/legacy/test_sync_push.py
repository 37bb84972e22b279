"""POST /legacy/api/sync/push: the client's buckets through our push, answered its way."""

from __future__ import annotations

import pytest

from sync.models import IdempotencyKey, SyncMetadata
from tests.accounts.factories import UserFactory
from tests.legacy.sync_support import (
    PUSH,
    deleted,
    entry,
    goal,
    legacy_push,
    occurrence,
    plan,
    stored,
    template,
)
from tests.sync.client import pull_all

pytestmark = pytest.mark.django_db(databases=["default"])


def test_a_push_creates_entries_and_answers_the_original_shape(auth_client):
    response = legacy_push(auth_client, {"entries": [entry("e1"), entry("e2")], "goals": []})
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is True and body["conflicts"] == []
    assert body["stats"] == {
        "entriesProcessed": 2,
        "goalsProcessed": 0,
        "practicePlansProcessed": 0,
        "planOccurrencesProcessed": 0,
        "duplicatesPrevented": 0,
    }
    rows = stored(auth_client.user)
    assert {key for key in rows} == {("logbook_entry", "e1"), ("logbook_entry", "e2")}
    assert rows[("logbook_entry", "e1")][0]["notes"] == "slow practice"
    # The token is our cursor after the push: nothing is newer.
    assert pull_all(auth_client, body["syncToken"])[0] == []


def test_our_validation_applies_to_what_is_stored(auth_client):
    legacy_push(auth_client, {"entries": [entry("e1", type="PRACTICE", mood="Excited")]})
    data = stored(auth_client.user)[("logbook_entry", "e1")][0]
    assert (data["type"], data["mood"]) == ("practice", "excited")
    assert data["pieces"][0]["id"]  # the score id our rules derive from title and composer


def test_an_update_replaces_the_whole_entity(auth_client):
    legacy_push(auth_client, {"entries": [entry("e1")]})
    edited = entry("e1", duration=45, notes=None, updatedAt="2025-03-01T19:00:00.000Z")
    legacy_push(auth_client, {"entries": [edited]})
    data, version, _, is_deleted = stored(auth_client.user)[("logbook_entry", "e1")]
    assert (data["duration"], data["notes"], version, is_deleted) == (45, None, 2, False)


def test_an_identical_push_changes_nothing_and_counts_as_a_duplicate(auth_client):
    legacy_push(auth_client, {"entries": [entry("e1")]})
    before = stored(auth_client.user)
    body = legacy_push(auth_client, {"entries": [entry("e1")]}).json()
    assert body["stats"]["duplicatesPrevented"] == 1
    assert stored(auth_client.user) == before


@pytest.mark.parametrize("marker", [deleted("e1"), {**entry("e1"), **deleted("e1")}])
def test_a_truthy_deleted_at_deletes_the_entry(auth_client, marker):
    legacy_push(auth_client, {"entries": [entry("e1"), entry("e2")]})
    legacy_push(auth_client, {"entries": [marker]})
    rows = stored(auth_client.user)
    assert rows[("logbook_entry", "e1")][3] is True
    assert rows[("logbook_entry", "e1")][0] == {"deletedAt": "2025-03-02T09:00:00.000Z"}
    assert rows[("logbook_entry", "e2")][3] is False


def test_an_empty_deleted_at_is_no_delete(auth_client):
    legacy_push(auth_client, {"entries": [entry("e1", deletedAt=None)]})
    assert stored(auth_client.user)[("logbook_entry", "e1")][3] is False


def test_plans_and_occurrences_are_stored_and_deleted_with_deleted_at(auth_client):
    changes = {"practicePlans": [plan("p1")], "planOccurrences": [occurrence("o1", "p1")]}
    body = legacy_push(auth_client, changes).json()
    assert body["stats"]["practicePlansProcessed"] == 1
    assert body["stats"]["planOccurrencesProcessed"] == 1
    rows = stored(auth_client.user)
    assert rows[("practice_plan", "p1")][0] == plan("p1")
    assert rows[("plan_occurrence", "o1")][0] == occurrence("o1", "p1")
    gone = {
        "practicePlans": [{**plan("p1"), **deleted("p1")}],
        "planOccurrences": [{**occurrence("o1", "p1"), **deleted("o1")}],
    }
    legacy_push(auth_client, gone)
    rows = stored(auth_client.user)
    assert rows[("practice_plan", "p1")][3] and rows[("plan_occurrence", "o1")][3]


def test_a_template_without_author_gets_the_callers_id_and_keeps_one_it_has(auth_client):
    changes = {"planTemplates": [template("t1"), template("t2", authorId="someone")]}
    legacy_push(auth_client, changes)
    rows = stored(auth_client.user)
    assert rows[("plan_template", "t1")][0]["authorId"] == str(auth_client.user.pk)
    assert rows[("plan_template", "t2")][0]["authorId"] == "someone"
    assert rows[("plan_template", "t1")][0]["adoptionCount"] == 0


def test_goals_are_stored_as_sent(auth_client):
    body = legacy_push(auth_client, {"goals": [goal("g1", milestones=[])]}).json()
    assert body["stats"]["goalsProcessed"] == 1
    assert stored(auth_client.user)[("goal", "g1")][0] == goal("g1", milestones=[])


def test_unknown_buckets_are_ignored_as_by_the_original(auth_client):
    response = legacy_push(auth_client, {"entries": [entry("e1")], "pieces": [{"id": "x"}]})
    assert response.status_code == 200
    assert set(stored(auth_client.user)) == {("logbook_entry", "e1")}


def test_the_same_id_as_another_users_entity_is_the_callers_own(auth_client, make_auth_client):
    other = make_auth_client(UserFactory())
    legacy_push(other, {"entries": [entry("e1", notes="theirs")]})
    legacy_push(auth_client, {"entries": [entry("e1", notes="mine")]})
    assert stored(other.user)[("logbook_entry", "e1")][0]["notes"] == "theirs"
    assert stored(auth_client.user)[("logbook_entry", "e1")][0]["notes"] == "mine"


def test_the_device_id_is_recorded_like_ours(auth_client):
    legacy_push(auth_client, {"entries": [entry("e1")]}, device="dev_abcdefabcdef1234")
    meta = SyncMetadata.objects.get(user=auth_client.user)
    assert meta.last_device_id == "dev_abcdefabcdef1234"


def test_anonymous_is_a_401_in_the_original_error_body(api_client):
    response = api_client.post(PUSH, {"changes": {"entries": [entry("e1")]}}, format="json")
    assert response.status_code == 401
    assert (response.json()["success"], response.json()["code"]) == (False, 401)


# --- idempotency ---------------------------------------------------------------------------


def test_a_retry_with_the_same_key_replays_and_changes_nothing(auth_client):
    changes = {"entries": [entry("e1"), entry("e2")]}
    first = legacy_push(auth_client, changes, key="dev_1_POST_abc_def")
    before = stored(auth_client.user)
    retry = legacy_push(auth_client, changes, key="dev_1_POST_abc_def")
    assert retry.status_code == 200
    assert retry.json() == first.json()
    assert retry.headers["X-Idempotent-Replay"] == "true"
    assert "X-Idempotent-Replay" not in first.headers
    assert stored(auth_client.user) == before


def test_the_same_key_with_another_body_is_a_409_and_writes_nothing(auth_client):
    legacy_push(auth_client, {"entries": [entry("e1")]}, key="k1")
    response = legacy_push(auth_client, {"entries": [entry("e2")]}, key="k1")
    assert response.status_code == 409
    body = response.json()
    assert (body["success"], body["code"], body["errorCode"]) == (
        False,
        409,
        "idempotency_key_reused",
    )
    assert ("logbook_entry", "e2") not in stored(auth_client.user)


# --- bad input -----------------------------------------------------------------------------


def test_a_bad_item_is_the_original_error_naming_it_and_nothing_is_written(auth_client):
    changes = {"goals": [goal("g1")], "entries": [entry("e1"), entry("e2", duration=5000)]}
    response = legacy_push(auth_client, changes)
    assert response.status_code == 400
    body = response.json()
    assert (body["success"], body["code"]) == (False, 400)
    assert body["error"].startswith("changes.entries[1].duration: ")
    assert body["error"].endswith('(id "e2")')
    assert body["details"]["bucket"] == "entries" and body["details"]["index"] == 1
    assert stored(auth_client.user) == {}


def test_an_item_without_an_id_is_named(auth_client):
    response = legacy_push(auth_client, {"practicePlans": [plan("p1"), {"title": "no id"}]})
    assert response.status_code == 400
    assert response.json()["error"].startswith("changes.practicePlans[1].id: ")
    assert stored(auth_client.user) == {}


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({}, "changes"),
        ({"changes": [entry("e1")]}, "changes"),
        ({"changes": {"entries": {"id": "e1"}}}, "changes.entries"),
        ({"changes": {"entries": ["e1"]}}, "changes.entries[0]"),
    ],
)
def test_a_bad_envelope_is_a_400_naming_the_key(auth_client, body, named):
    response = auth_client.post(PUSH, body, format="json")
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{named}: ")
    assert stored(auth_client.user) == {}


def test_an_entity_over_our_size_limit_is_a_413_naming_it(auth_client, settings):
    settings.SYNC_MAX_ENTITY_BYTES = 1000
    response = legacy_push(auth_client, {"goals": [goal("g1"), goal("g2", notes="x" * 2000)]})
    assert response.status_code == 413
    body = response.json()
    assert body["error"].startswith("changes.goals[1]: ")
    assert body["details"]["limit"] == 1000
    assert stored(auth_client.user) == {}


def test_a_body_over_our_push_limit_is_a_413(auth_client, settings):
    settings.SYNC_MAX_PUSH_BYTES = 1000
    response = legacy_push(auth_client, {"entries": [entry("e1", notes="x" * 2000)]})
    assert response.status_code == 413
    assert (response.json()["success"], response.json()["code"]) == (False, 413)
    assert stored(auth_client.user) == {}


# --- batches above our per-push limit --------------------------------------------------------


def test_a_batch_above_the_limit_is_pushed_in_chunks_and_all_stored(auth_client, settings):
    settings.SYNC_MAX_CHANGES = 3
    changes = {"entries": [entry(f"e{n}") for n in range(7)], "goals": [goal("g1")]}
    response = legacy_push(auth_client, changes, key="big")
    assert response.status_code == 200
    assert response.json()["stats"]["entriesProcessed"] == 7
    assert response.json()["stats"]["goalsProcessed"] == 1
    assert len(stored(auth_client.user)) == 8
    keys = IdempotencyKey.objects.filter(user=auth_client.user).values_list("key", flat=True)
    assert len(keys) == 3 and "big" in keys  # one stored answer per chunk
    assert pull_all(auth_client, response.json()["syncToken"])[0] == []


def test_a_chunked_retry_replays_every_chunk(auth_client, settings):
    settings.SYNC_MAX_CHANGES = 2
    changes = {"entries": [entry(f"e{n}") for n in range(5)]}
    first = legacy_push(auth_client, changes, key="big")
    before = stored(auth_client.user)
    retry = legacy_push(auth_client, changes, key="big")
    assert retry.json() == first.json()
    assert retry.headers["X-Idempotent-Replay"] == "true"
    assert stored(auth_client.user) == before


def test_a_bad_item_in_a_later_chunk_writes_no_chunk(auth_client, settings):
    settings.SYNC_MAX_CHANGES = 2
    items = [entry(f"e{n}") for n in range(4)] + [entry("e4", duration=-1)]
    response = legacy_push(auth_client, {"entries": items})
    assert response.status_code == 400
    assert response.json()["error"].startswith("changes.entries[4].duration: ")
    assert stored(auth_client.user) == {}


def test_a_failed_later_chunk_says_how_much_was_applied_and_a_retry_completes(
    auth_client, settings
):
    from legacy.sync_api.shapes import chunk_key
    from tests.sync.client import change, push

    settings.SYNC_MAX_CHANGES = 2
    items = {"entries": [entry(f"e{n}") for n in range(3)]}
    # Chunk 2's key already answered another body (as a colliding client key would).
    push(auth_client, [change("goal", "g9", {"title": "x"})], key=chunk_key("k", 1))
    response = legacy_push(auth_client, items, key="k")
    assert response.status_code == 409
    details = response.json()["details"]
    assert (details["chunksApplied"], details["chunks"]) == (1, 2)
    assert {k[1] for k in stored(auth_client.user)} == {"e0", "e1", "g9"}
    # The key in the way expires (or is purged); the same retry replays chunk 1, applies 2.
    IdempotencyKey.objects.filter(key=chunk_key("k", 1)).delete()
    retry = legacy_push(auth_client, items, key="k")
    assert retry.status_code == 200
    assert {k[1] for k in stored(auth_client.user)} == {"e0", "e1", "e2", "g9"}
    assert "X-Idempotent-Replay" not in retry.headers


def test_an_empty_push_succeeds_and_writes_nothing(auth_client):
    response = legacy_push(auth_client, {})
    assert response.status_code == 200
    assert response.json()["success"] is True
    assert response.json()["stats"]["entriesProcessed"] == 0
    assert stored(auth_client.user) == {}
