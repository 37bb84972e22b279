"""PUSH over the socket: the same service, validation and idempotency as POST /api/sync/push."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async

from accounts.services import logins_revoke_all
from sync.models import SyncData
from tests.accounts.factories import UserFactory
from tests.sync.client import push
from tests.sync.realtime_support import connected, deletion, goal, refused, run, send, ws_push

pytestmark = pytest.mark.django_db(transaction=True)

ROW_FIELDS = ("entity_type", "entity_id", "data", "checksum", "version", "seq")


def stored(user) -> list[tuple]:
    rows = SyncData.objects.filter(user=user).order_by("seq")
    return [(*(getattr(row, f) for f in ROW_FIELDS), row.is_deleted) for row in rows]


ENTRY = {
    "type": "logbook_entry",
    "id": "entry_1",
    "data": {
        "timestamp": "2026-01-05T10:00:00Z",
        "duration": 30,
        "type": "PRACTICE",
        "pieces": [{"title": "Clair de lune", "composer": None}],
        "clientOnlyField": {"keepMe": [1, 2]},
    },
}


def test_a_push_answers_per_item_and_stores_like_rest(user, make_auth_client):
    twin = UserFactory()
    batches = [[goal("g1"), goal("g2"), ENTRY], [goal("g1", "edited"), deletion("goal", "g2")]]

    async def scenario():
        comm = await connected(user)
        return [await ws_push(comm, batch, requestId=f"b{i}") for i, batch in enumerate(batches)]

    answers = run(scenario)
    rest = make_auth_client(twin)
    rest_answers = [push(rest, batch).json() for batch in batches]
    for answer, rest_answer in zip(answers, rest_answers, strict=True):
        assert answer["type"] == "PUSH_RESULT" and answer["replayed"] is False
        assert answer["results"] == rest_answer["results"]
    assert [r["status"] for r in answers[1]["results"]] == ["updated", "deleted"]
    assert answers[0]["requestId"] == "b0"
    assert stored(user) == stored(twin)  # identical stored state by either path
    entry = SyncData.objects.get(user=user, entity_id="entry_1").data
    assert entry["type"] == "practice" and entry["clientOnlyField"] == {"keepMe": [1, 2]}


def test_a_push_with_a_bad_item_is_a_typed_error_naming_it_and_writes_nothing(user):
    bad = {**ENTRY, "data": {**ENTRY["data"], "duration": -5}}

    async def scenario():
        comm = await connected(user)
        return await ws_push(comm, [goal("g1"), bad], requestId="r")

    error = run(scenario)
    assert (error["type"], error["code"]) == ("ERROR", "invalid")
    assert error["details"]["status"] == 400
    assert error["details"]["index"] == 1
    assert "changes[1].data.duration" in error["details"]["errors"]
    assert error["requestId"] == "r" and "closeCode" not in error
    assert not SyncData.objects.filter(user=user).exists()


def test_a_stale_change_answers_the_conflict_with_both_sides(user):
    async def scenario():
        comm = await connected(user)
        await ws_push(comm, [goal("g1", "v1")])
        await ws_push(comm, [goal("g1", "v2", baseVersion=1)])
        return await ws_push(comm, [goal("g1", "stale", baseVersion=1)])

    answer = run(scenario)
    assert answer["results"][0]["status"] == "conflict"
    conflict = answer["conflicts"][0]
    assert conflict["serverData"] == {"title": "v2"}
    assert conflict["clientData"] == {"title": "stale"}


def test_a_retried_push_replays_its_answer_even_across_rest_and_the_socket(user, auth_client):
    first = push(auth_client, [goal("g1")], key="k-1").json()

    async def scenario():
        comm = await connected(user)
        replay = await ws_push(comm, [goal("g1")], idempotencyKey="k-1")
        reused = await ws_push(comm, [goal("other")], idempotencyKey="k-1")
        return replay, reused

    replay, reused = run(scenario)
    assert replay["replayed"] is True
    assert replay["results"] == first["results"]
    assert (reused["code"], reused["details"]["status"]) == ("idempotency_key_reused", 409)
    assert SyncData.objects.filter(user=user).count() == 1


def test_a_push_from_a_signed_out_login_closes_the_socket_with_4401(user):
    async def scenario():
        comm = await connected(user)
        await database_sync_to_async(logins_revoke_all)(user=user)
        await send(comm, {"type": "PUSH", "changes": [goal("g1")]})
        return await refused(comm)

    error, code = run(scenario)
    assert (error["code"], code) == ("invalid_token", 4401)
    assert not SyncData.objects.filter(user=user).exists()


INVALID_PUSHES = {
    "bad_item": [goal("g1"), {**ENTRY, "data": {**ENTRY["data"], "duration": -5}}],
    "unknown_type": [{"type": "song", "id": "s1", "data": {}}],
    "too_many": [goal(f"g{n}") for n in range(501)],
    "entity_too_large": [goal("g1"), goal("g2", "x" * (256 * 1024))],
}


@pytest.mark.parametrize("name", INVALID_PUSHES)
def test_the_same_invalid_push_is_the_same_error_over_rest_and_the_socket(
    user, auth_client, settings, name
):
    settings.REALTIME_MAX_MESSAGE_BYTES = 4 * 1024 * 1024  # room for the large ones
    changes = INVALID_PUSHES[name]
    rest = push(auth_client, changes)

    async def scenario():
        comm = await connected(user)
        return await ws_push(comm, changes)

    error = run(scenario)
    rest_error = rest.json()["error"]
    assert (error["type"], error["code"]) == ("ERROR", rest_error["code"])
    assert error["message"] == rest_error["message"]
    assert error["details"] == {"status": rest.status_code, **rest_error["details"]}
    assert not SyncData.objects.filter(user=user).exists()


def test_a_cursor_that_is_not_a_string_is_the_same_error_over_rest_and_the_socket(
    user, auth_client
):
    rest = auth_client.post("/api/sync/push", {"changes": [goal("g1")], "cursor": 7}, format="json")

    async def scenario():
        comm = await connected(user)
        return await ws_push(comm, [goal("g1")], cursor=7)

    error = run(scenario)
    rest_error = rest.json()["error"]
    assert error["code"] == rest_error["code"] == "invalid_cursor"
    assert error["details"] == {"status": 400, **rest_error["details"]}


def test_a_push_over_the_push_byte_limit_is_the_same_413_as_over_rest(user, auth_client, settings):
    settings.SYNC_MAX_PUSH_BYTES = 1000
    changes = [goal("g1", "x" * 2000)]
    rest = push(auth_client, changes)

    async def scenario():
        comm = await connected(user)
        return await ws_push(comm, changes)

    error = run(scenario)
    assert rest.status_code == 413
    assert error["code"] == rest.json()["error"]["code"] == "payload_too_large"
    assert error["details"] == {"status": 413, **rest.json()["error"]["details"]}
    assert "closeCode" not in error
    assert not SyncData.objects.filter(user=user).exists()
