"""What the original client sends on its socket: SYNC_REQUEST (BULK_SYNC chunks, ENTRY_DELETED
for tombstones after `lastSeq`, then SYNC_RESPONSE), ENTRY_* applied through our push and not
echoed, PING, and anything else answered with an ERROR that leaves the socket open."""

from __future__ import annotations

import time

import pytest
from allauth.headless.tokens.strategies.jwt import internal as jwt_tokens
from channels.db import database_sync_to_async
from django.db import connection

from accounts.services import login_session_create
from tests.legacy.sync_support import deleted, entry, goal, legacy_push, legacy_socket, stored
from tests.sync.realtime_support import nothing_more, receive, refused, run, send, until

pytestmark = pytest.mark.django_db(transaction=True)
NOW = "2025-03-02T10:00:00.000Z"


def sync_request(**fields) -> dict:
    return {"type": "SYNC_REQUEST", "timestamp": NOW, **fields}


def frames_until_response(frames: list[dict]) -> tuple[list[dict], dict]:
    assert frames[-1]["type"] == "SYNC_RESPONSE", frames[-1]
    return frames[:-1], frames[-1]


def test_without_last_seq_it_sends_the_live_logbook_in_chunks(user, auth_client, settings):
    settings.REALTIME_CHUNK_SIZE = 2
    legacy_push(auth_client, {"entries": [entry(f"e{n}") for n in range(5)], "goals": [goal("g")]})
    legacy_push(auth_client, {"entries": [deleted("e0")]})

    async def scenario():
        phone = await legacy_socket(user)
        await send(phone, sync_request())
        return await until(phone, "SYNC_RESPONSE")

    sent, done = frames_until_response(run(scenario))
    assert [f["type"] for f in sent] == ["BULK_SYNC", "BULK_SYNC"]
    assert [[e["id"] for e in f["entries"]] for f in sent] == [["e1", "e2"], ["e3", "e4"]]
    assert [f["lastSeq"] for f in sent] == [3, 5]
    assert (done["message"], done["lastSeq"]) == ("Sync complete", 7)


def test_with_last_seq_it_sends_what_changed_after_it_deletions_included(user, auth_client):
    legacy_push(auth_client, {"entries": [entry("e1"), entry("e2"), entry("e3")]})  # seq 1-3
    legacy_push(auth_client, {"entries": [deleted("e1"), entry("e4")]})  # seq 4, 5

    async def scenario():
        phone = await legacy_socket(user)
        await send(phone, sync_request(lastSeq=3, lastSyncTime=NOW))
        return await until(phone, "SYNC_RESPONSE")

    sent, done = frames_until_response(run(scenario))
    assert [(f["type"], f.get("entryId"), f.get("lastSeq")) for f in sent] == [
        ("ENTRY_DELETED", "e1", 4),
        ("BULK_SYNC", None, 5),
    ]
    assert [e["id"] for e in sent[1]["entries"]] == ["e4"]
    assert done["lastSeq"] == 5


def test_up_to_date_it_answers_no_new_data(user, auth_client):
    legacy_push(auth_client, {"entries": [entry("e1")]})

    async def scenario():
        phone = await legacy_socket(user)
        await send(phone, sync_request(lastSeq=1))
        return await until(phone, "SYNC_RESPONSE")

    frames = run(scenario)
    assert [(f["type"], f["message"], f["lastSeq"]) for f in frames] == [
        ("SYNC_RESPONSE", "No new data to sync", 1)
    ]


def test_a_last_seq_beyond_our_feed_gets_the_whole_live_logbook(user, auth_client):
    legacy_push(auth_client, {"entries": [entry("e1")]})

    async def scenario():
        phone = await legacy_socket(user)
        await send(phone, sync_request(lastSeq=90_000))  # e.g. the original server's sequence
        return await until(phone, "SYNC_RESPONSE")

    sent, done = frames_until_response(run(scenario))
    assert [e["id"] for e in sent[0]["entries"]] == ["e1"]
    assert done["lastSeq"] == 1


def test_an_entry_created_on_the_socket_is_stored_acknowledged_and_not_echoed(user):
    async def scenario():
        phone = await legacy_socket(user)
        laptop = await legacy_socket(user)
        await send(phone, {"type": "ENTRY_CREATED", "entry": entry("e1"), "timestamp": NOW})
        ack = await receive(phone)
        return ack, await nothing_more(phone), await receive(laptop)

    ack, quiet, relayed = run(scenario)
    assert (ack["type"], ack["message"]) == ("SYNC_RESPONSE", "Mutation applied")
    assert quiet  # the sender is not echoed its own entry
    assert (relayed["type"], relayed["entry"]["id"]) == ("ENTRY_CREATED", "e1")
    assert stored(user)[("logbook_entry", "e1")][0]["notes"] == "slow practice"


def test_an_entry_already_pushed_over_rest_is_unchanged(user, auth_client):
    legacy_push(auth_client, {"entries": [entry("e1")]})
    before = stored(user)

    async def scenario():
        phone = await legacy_socket(user)
        laptop = await legacy_socket(user)
        await send(phone, {"type": "ENTRY_UPDATED", "entry": entry("e1"), "timestamp": NOW})
        return await receive(phone), await nothing_more(laptop)

    ack, quiet = run(scenario)
    assert ack["message"] == "Mutation applied" and quiet
    assert stored(user) == before


def test_an_entry_deleted_on_the_socket_is_a_tombstone_relayed_to_other_devices(user, auth_client):
    legacy_push(auth_client, {"entries": [entry("e1")]})

    async def scenario():
        phone = await legacy_socket(user)
        laptop = await legacy_socket(user)
        await send(phone, {"type": "ENTRY_DELETED", "entryId": "e1", "timestamp": NOW})
        return await receive(phone), await receive(laptop)

    ack, relayed = run(scenario)
    assert ack["message"] == "Mutation applied"
    assert (relayed["type"], relayed["entryId"]) == ("ENTRY_DELETED", "e1")
    data, _, _, is_deleted = stored(user)[("logbook_entry", "e1")]
    assert is_deleted and data == {"deletedAt": NOW}


def test_a_bad_entry_is_an_error_naming_the_field_writes_nothing_and_keeps_the_socket(user):
    async def scenario():
        phone = await legacy_socket(user)
        bad = {"type": "ENTRY_CREATED", "entry": entry("e1", duration=-5), "timestamp": NOW}
        await send(phone, bad)
        error = await receive(phone)
        await send(phone, {"type": "ENTRY_CREATED", "timestamp": NOW})
        missing = await receive(phone)
        await send(phone, {"type": "PING", "timestamp": NOW})
        return error, missing, await receive(phone)

    error, missing, pong = run(scenario)
    assert error["type"] == "ERROR"
    assert error["error"].startswith("Invalid entry data: entry.duration: ")
    assert missing["error"] == "Invalid entry data: entry is required."
    assert pong["type"] == "PONG"
    assert stored(user) == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"type": "PIECE_ADDED", "piece": {}}', "Unknown message type: PIECE_ADDED"),
        ('{"type": "BULK_SYNC", "entries": []}', "Unknown message type: BULK_SYNC"),
        ("not json", "Invalid JSON format"),
        ("[1, 2]", "Invalid sync event format"),
    ],
)
def test_anything_else_is_an_error_and_the_socket_stays_open(user, text, message):
    async def scenario():
        phone = await legacy_socket(user)
        await phone.send_to(text_data=text)
        error = await receive(phone)
        await send(phone, {"type": "PING", "timestamp": NOW})
        return error, await receive(phone)

    error, pong = run(scenario)
    assert (error["type"], error["error"]) == ("ERROR", message)
    assert pong["type"] == "PONG"


def test_frames_meet_our_rate_limit(user, settings):
    settings.REALTIME_MESSAGES_PER_MINUTE = 2

    async def scenario():
        phone = await legacy_socket(user)
        for _ in range(2):
            await send(phone, {"type": "PING", "timestamp": NOW})
            await receive(phone)
        await send(phone, {"type": "PING", "timestamp": NOW})
        return await refused(phone)

    error, code = run(scenario)
    assert (error["code"], code) == ("rate_limited", 4429)


def test_frames_meet_our_size_limit(user, settings):
    settings.REALTIME_MAX_MESSAGE_BYTES = 500

    async def scenario():
        phone = await legacy_socket(user)
        big = {"type": "ENTRY_CREATED", "entry": entry("e1", notes="x" * 600)}
        await send(phone, big)
        return await refused(phone)

    error, code = run(scenario)
    assert (error["code"], code) == ("message_too_large", 4413)
    assert stored(user) == {}


def test_the_socket_closes_when_its_token_expires(user):
    session = login_session_create(user=user)
    sid = jwt_tokens.session_key_to_sid(session.session_key)
    token = jwt_tokens.create_token("access", sub=str(user.pk), sid=sid, expires_in=1)[0]

    async def scenario():
        phone = await legacy_socket(user, token)
        started = time.monotonic()
        error, code = await refused(phone, timeout=5)
        return error, code, time.monotonic() - started

    error, code, waited = run(scenario)
    assert (error["code"], code) == ("token_expired", 4401)
    assert waited < 4


def test_a_login_gone_unannounced_is_refused_at_the_next_request(user):
    def delete_logins() -> None:  # as a DBA or another tool would: no logout announced
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM login_sessions WHERE user_id = %s", [user.pk])

    async def scenario():
        phone = await legacy_socket(user)
        await database_sync_to_async(delete_logins)()
        await send(phone, sync_request())
        return await refused(phone)

    error, code = run(scenario)
    assert (error["code"], code) == ("invalid_token", 4401)
