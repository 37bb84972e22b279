"""Live frames on the original client's socket: what another device commits arrives as
ENTRY_* and PLAN_* frames, in feed order, to this user only; with memory and Redis layers."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async

from accounts.services import logins_revoke_all
from tests.accounts.factories import UserFactory
from tests.legacy.sync_support import (
    deleted,
    entry,
    goal,
    legacy_push,
    legacy_socket,
    occurrence,
    plan,
    template,
)
from tests.sync import realtime_fixtures
from tests.sync.client import change, push
from tests.sync.realtime_support import nothing_more, receive, refused, run, token_for

pytestmark = pytest.mark.django_db(transaction=True)
layer = realtime_fixtures.layer
redis_layer = realtime_fixtures.redis_layer


async def frames_of(comm, count: int) -> list[dict]:
    return [await receive(comm) for _ in range(count)]


def test_another_devices_create_edit_and_delete_arrive_as_entry_frames(
    layer, user, make_auth_client
):
    laptop = make_auth_client(user)
    edited = entry("e1", duration=45, updatedAt="2025-03-01T19:00:00.000Z")

    async def scenario():
        phone = await legacy_socket(user)
        for changes in ({"entries": [entry("e1")]}, {"entries": [edited]}):
            await database_sync_to_async(legacy_push)(laptop, changes)
        await database_sync_to_async(legacy_push)(laptop, {"entries": [deleted("e1")]})
        return await frames_of(phone, 3), await nothing_more(phone)

    (created, updated, gone), quiet = run(scenario)
    assert (created["type"], created["entry"]["id"], created["seq"]) == ("ENTRY_CREATED", "e1", 1)
    assert created["entry"]["notes"] == "slow practice" and created["timestamp"].endswith("Z")
    assert (updated["type"], updated["entry"]["duration"], updated["seq"]) == (
        "ENTRY_UPDATED",
        45,
        2,
    )
    assert (gone["type"], gone["entryId"], gone["seq"]) == ("ENTRY_DELETED", "e1", 3)
    assert quiet


def test_a_push_through_our_own_api_arrives_too(user, make_auth_client):
    ours = make_auth_client(user)
    data = {**entry("e1"), "type": "practice"}

    async def scenario():
        phone = await legacy_socket(user)
        await database_sync_to_async(push)(ours, [change("logbook_entry", "e1", data)])
        return await receive(phone)

    frame = run(scenario)
    assert (frame["type"], frame["entry"]["id"]) == ("ENTRY_CREATED", "e1")


def test_a_plan_arrives_with_the_occurrences_pushed_alongside(user, make_auth_client):
    laptop = make_auth_client(user)
    changes = {"practicePlans": [plan("p1")], "planOccurrences": [occurrence("o1", "p1")]}
    checked_in = occurrence("o1", "p1", status="completed", logEntryId="e1")

    async def scenario():
        phone = await legacy_socket(user)
        await database_sync_to_async(legacy_push)(laptop, changes)
        first = await receive(phone)
        await database_sync_to_async(legacy_push)(laptop, {"planOccurrences": [checked_in]})
        return first, await receive(phone), await nothing_more(phone)

    created, completed, quiet = run(scenario)
    assert created["type"] == "PLAN_CREATED"
    assert created["plan"] == plan("p1")
    assert created["occurrences"] == [occurrence("o1", "p1")]
    assert created["seq"] == 2  # the highest position it covers
    assert completed["type"] == "PLAN_OCCURRENCE_COMPLETED"
    assert completed["occurrence"] == checked_in and completed["seq"] == 3
    assert quiet


def test_goals_templates_and_deleted_plans_have_no_frame(user, make_auth_client):
    laptop = make_auth_client(user)

    async def scenario():
        phone = await legacy_socket(user)
        await database_sync_to_async(legacy_push)(laptop, {"practicePlans": [plan("p1")]})
        await receive(phone)
        gone = {"practicePlans": [{**plan("p1"), **deleted("p1")}], "goals": [goal("g1")]}
        await database_sync_to_async(legacy_push)(laptop, gone)
        await database_sync_to_async(legacy_push)(laptop, {"planTemplates": [template("t1")]})
        return await nothing_more(phone, timeout=0.5)

    assert run(scenario)


def test_another_users_changes_never_arrive(user, make_auth_client):
    stranger = make_auth_client(UserFactory())
    mine = make_auth_client(user)

    async def scenario():
        phone = await legacy_socket(user)
        await database_sync_to_async(legacy_push)(stranger, {"entries": [entry("theirs")]})
        await database_sync_to_async(legacy_push)(mine, {"entries": [entry("mine")]})
        return await receive(phone), await nothing_more(phone)

    frame, quiet = run(scenario)
    assert frame["entry"]["id"] == "mine" and quiet


def test_a_logout_closes_the_socket_with_4401(layer, user):
    token = token_for(user)

    async def scenario():
        phone = await legacy_socket(user, token)
        await database_sync_to_async(logins_revoke_all)(user=user)
        return await refused(phone)

    error, code = run(scenario)
    assert (error["type"], error["code"], code) == ("ERROR", "invalid_token", 4401)
    assert isinstance(error["error"], str)
