"""POST /api/sync/push: per-item outcomes, exact storage, atomicity, validation."""

from __future__ import annotations

import base64
import hashlib

import pytest

from sync.models import IdempotencyKey, SyncData, SyncMetadata
from tests.sync.client import change, push
from tests.sync.factories import logbook_data

pytestmark = pytest.mark.django_db(databases=["default"])


def entry(entity_id: str = "e1", **fields):
    return change("logbook_entry", entity_id, logbook_data(entity_id, **fields))


def stored(user, entity_id: str = "e1") -> SyncData:
    return SyncData.objects.get(user=user, entity_id=entity_id)


def test_it_creates_entities_and_answers_per_item(auth_client):
    response = push(auth_client, [entry("e1"), change("goal", "g1", {"title": "Scales"})])
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"type": "logbook_entry", "id": "e1", "status": "created", "version": 1, "seq": 1},
        {"type": "goal", "id": "g1", "status": "created", "version": 1, "seq": 2},
    ]
    assert SyncData.objects.filter(user=auth_client.user).count() == 2


def test_an_edit_is_updated_with_a_new_version_and_the_same_content_is_unchanged(auth_client):
    push(auth_client, [entry(notes="a")])
    updated = push(auth_client, [entry(notes="b")]).json()["results"][0]
    same = push(auth_client, [entry(notes="b")]).json()["results"][0]
    assert (updated["status"], updated["version"], updated["seq"]) == ("updated", 2, 2)
    assert (same["status"], same["version"], same["seq"]) == ("unchanged", 2, 2)
    assert stored(auth_client.user).data["notes"] == "b"
    assert SyncMetadata.objects.get(user=auth_client.user).last_seq == 2


def test_it_stores_client_data_exactly_including_fields_it_does_not_know(auth_client):
    data = logbook_data(
        "e1",
        goalIds=["g1"],
        snake_case_field={"inner_key": [1, 2.5, None, True]},
        metadata={"source": "manual", "planId": "p1"},
        scoreId="score_ABC",
    )
    data["pieces"][0].update(measures="1-16", tempo=72)
    push(auth_client, [change("logbook_entry", "e1", data)])
    expected = {**data, "pieces": [{**data["pieces"][0], "id": "moonlight sonata-beethoven"}]}
    assert stored(auth_client.user).data == expected


def test_a_delete_leaves_a_tombstone_and_answers_deleted(auth_client):
    push(auth_client, [entry()])
    response = push(auth_client, [change("logbook_entry", "e1", deleted=True, baseVersion=1)])
    assert response.json()["results"][0] == {
        "type": "logbook_entry",
        "id": "e1",
        "status": "deleted",
        "version": 2,
        "seq": 2,
    }
    assert stored(auth_client.user).deleted_at is not None


def test_the_original_clients_deletion_marker_deletes_instead_of_replacing_data(auth_client):
    push(auth_client, [change("goal", "g1", {"id": "g1", "title": "Scales"})])
    marker = change("goal", "g1", {"id": "g1", "deletedAt": "2025-03-02T00:00:00Z"})
    assert push(auth_client, [marker]).json()["results"][0]["status"] == "deleted"
    row = stored(auth_client.user, "g1")
    assert row.deleted_at is not None
    assert row.data == {"deletedAt": "2025-03-02T00:00:00Z"}


def test_deleting_an_entity_the_server_never_had_records_a_tombstone(auth_client):
    response = push(auth_client, [change("goal", "g9", deleted=True)])
    assert response.json()["results"][0]["status"] == "deleted"
    assert stored(auth_client.user, "g9").deleted_at is not None


def test_one_bad_item_is_a_400_naming_its_index_and_field_and_nothing_is_written(auth_client):
    response = push(auth_client, [entry("e1"), entry("e2"), entry("e3", duration=2000)])
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert (error["details"]["index"], error["details"]["field"]) == (2, "data.duration")
    assert not SyncData.objects.exists()
    assert not SyncMetadata.objects.filter(last_seq__gt=0).exists()


@pytest.mark.parametrize(
    ("item", "field"),
    [
        ({"type": "song", "id": "x", "data": {}}, "type"),
        ({"type": "goal", "data": {}}, "id"),
        ({"type": "goal", "id": "", "data": {}}, "id"),
        ({"type": "goal", "id": "x"}, "data"),
        ({"type": "goal", "id": "x", "data": [1]}, "data"),
        ({"type": "goal", "id": "x", "data": {"id": "y"}}, "data.id"),
        ({"type": "goal", "id": "x", "data": {}, "baseVersion": -1}, "baseVersion"),
        ({"type": "goal", "id": "x", "data": {}, "deleted": "yes"}, "deleted"),
        (
            {"type": "logbook_entry", "id": "x", "data": {"duration": 5, "type": "practice"}},
            "data.timestamp",
        ),
    ],
)
def test_it_rejects_malformed_items_with_the_field_named(auth_client, item, field):
    response = push(auth_client, [item])
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == field
    assert not SyncData.objects.exists()


def test_a_body_without_a_changes_list_is_a_400(auth_client):
    response = auth_client.post("/api/sync/push", {"entries": []}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_text_with_a_nul_character_is_a_400_not_a_database_error(auth_client):
    response = push(auth_client, [change("goal", "g1", {"title": "a\u0000b"})])
    assert response.status_code == 400
    assert not SyncData.objects.exists()


def test_a_timestamp_outside_utc_datetimes_is_a_400_and_analytics_still_answer(auth_client):
    # Year 1 at +14:00 is year 0 in UTC: accepted, it made every analytics read a 500.
    response = push(auth_client, [entry("e1", timestamp="0001-01-01T00:00:00+14:00")])
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "data.timestamp"
    assert not SyncData.objects.exists()
    assert auth_client.get("/api/repertoire").status_code == 200


def test_it_requires_authentication(api_client):
    assert push(api_client, [entry()]).status_code == 401


def test_the_device_is_recorded_on_the_entity_and_in_the_metadata(auth_client):
    push(auth_client, [entry()], device="dev_phone")
    assert stored(auth_client.user).device_id == "dev_phone"
    meta = SyncMetadata.objects.get(user=auth_client.user)
    assert (meta.last_device_id, meta.device_count) == ("dev_phone", 1)
    assert meta.last_sync_time is not None


@pytest.mark.parametrize("device", ["d" * 200, "phone\x01"], ids=["too-long", "control-char"])
def test_a_device_id_that_is_too_long_or_unprintable_is_a_400_and_nothing_is_written(
    auth_client, device
):
    response = push(auth_client, [entry()], device=device)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert not SyncData.objects.exists()
    assert not SyncMetadata.objects.exclude(devices={}).exists()


def test_an_item_failing_while_being_applied_rolls_back_the_items_before_it(auth_client):
    # The tombstone's NUL is found by the writer, after item 0 was already applied.
    bad_delete = change("goal", "g2", {"deletedAt": "x\u0000"}, deleted=True)
    response = push(auth_client, [entry("e1"), bad_delete], key="k1")
    assert response.status_code == 400
    assert not SyncData.objects.exists()
    assert not SyncMetadata.objects.filter(last_seq__gt=0).exists()
    assert not IdempotencyKey.objects.exists()


def test_the_same_entity_id_of_another_user_is_a_separate_entity(auth_client, make_auth_client):
    from tests.accounts.factories import UserFactory

    other = make_auth_client(UserFactory())
    push(other, [entry(notes="theirs")])
    response = push(auth_client, [entry(notes="mine")])
    assert response.json()["results"][0]["status"] == "created"
    assert stored(other.user).data["notes"] == "theirs"


def _forged_cursor(user, *, seq: str = "0", scope: str = "") -> str:
    """A cursor with this user's tag but fields this server never issues."""
    raw = f"1:{seq}:0:{hashlib.sha256(user.pk.encode()).hexdigest()[:10]}:{scope}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("seq", "scope"),
    [("0", "s" * 1000), (str(10**30), ""), ("0", "xyz")],
    ids=["long-scope", "seq-beyond-bigint", "scope-not-a-tag"],
)
def test_a_cursor_this_server_never_issued_is_a_400_and_nothing_is_written(auth_client, seq, scope):
    # It used to be echoed into the answer and into last_sync_token (255 characters):
    # a 500 on PostgreSQL.
    cursor = _forged_cursor(auth_client.user, seq=seq, scope=scope)
    response = push(auth_client, [change("goal", "g1", {})], cursor=cursor)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"
    assert not SyncData.objects.exists()
    assert not SyncMetadata.objects.exclude(last_sync_token="").exists()


# 300 levels: orjson reads up to 1024 but encodes only 255 (the checksum raised a TypeError).
DEEP = "[" * 300 + "]" * 300


@pytest.mark.parametrize(
    "body",
    [
        '{"changes": [{"type": "goal", "id": "g1", "data": {"x": ' + DEEP + "}}]}",
        '{"changes": [{"type": "goal", "id": "g1", "data": {}}], "x": ' + DEEP + "}",
    ],
    ids=["in-data", "beside-changes"],
)
def test_json_nested_deeper_than_can_be_encoded_is_a_400_and_nothing_is_written(auth_client, body):
    response = auth_client.generic("POST", "/api/sync/push", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert not SyncData.objects.exists()
