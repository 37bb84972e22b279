"""Parsed logbooks kept per process: a second read at the same feed head parses nothing, any
write is seen at once, and a rolled-back transaction leaves nothing behind."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from repertoire.selectors import logbook_entries
from repertoire.selectors.parsed_logbooks import parsed_logbooks
from tests.repertoire.practice_support import push

pytestmark = pytest.mark.django_db


def _entry(entity_id: str, minutes: int = 30) -> dict:
    return {
        "id": entity_id,
        "timestamp": "2025-03-01T10:00:00Z",
        "duration": minutes,
        "type": "practice",
        "instrument": "piano",
    }


def _read_committed(user, capture):
    with capture(execute=True):
        return logbook_entries(user=user)


def test_a_second_read_at_the_same_head_reads_no_rows(
    auth_client, django_capture_on_commit_callbacks
):
    push(auth_client, "logbook_entry", _entry("a"))
    first = _read_committed(auth_client.user, django_capture_on_commit_callbacks)
    with CaptureQueriesContext(connection) as queries:
        second = logbook_entries(user=auth_client.user)
    assert [e.entity_id for e in second] == [e.entity_id for e in first] == ["a"]
    assert len(queries) == 1 and "sync_metadata" in queries[0]["sql"]


def test_a_push_after_a_stored_read_is_seen_at_once(
    auth_client, django_capture_on_commit_callbacks
):
    push(auth_client, "logbook_entry", _entry("a"))
    _read_committed(auth_client.user, django_capture_on_commit_callbacks)
    push(auth_client, "logbook_entry", _entry("a", minutes=45))
    push(auth_client, "logbook_entry", _entry("b"))
    entries = {e.entity_id: e.minutes for e in logbook_entries(user=auth_client.user)}
    assert entries == {"a": 45, "b": 30}


def test_a_deletion_after_a_stored_read_is_seen_at_once(
    auth_client, django_capture_on_commit_callbacks
):
    push(auth_client, "logbook_entry", _entry("a"))
    _read_committed(auth_client.user, django_capture_on_commit_callbacks)
    push(auth_client, "logbook_entry", _entry("a"), deleted=True)
    assert logbook_entries(user=auth_client.user) == []


def test_a_read_inside_a_rolled_back_transaction_stores_nothing(auth_client):
    push(auth_client, "logbook_entry", _entry("a"))
    with pytest.raises(RuntimeError), transaction.atomic():
        logbook_entries(user=auth_client.user)
        raise RuntimeError("roll back")
    assert parsed_logbooks.latest(auth_client.user.pk) is None


def test_each_caller_gets_its_own_list(auth_client, django_capture_on_commit_callbacks):
    push(auth_client, "logbook_entry", _entry("a"))
    _read_committed(auth_client.user, django_capture_on_commit_callbacks)
    logbook_entries(user=auth_client.user).clear()
    assert [e.entity_id for e in logbook_entries(user=auth_client.user)] == ["a"]


def test_a_logbook_beyond_the_limit_is_not_kept(
    auth_client, settings, django_capture_on_commit_callbacks
):
    settings.LOGBOOK_CACHE_ENTRIES = 1
    push(auth_client, "logbook_entry", _entry("a"))
    push(auth_client, "logbook_entry", _entry("b"))
    _read_committed(auth_client.user, django_capture_on_commit_callbacks)
    assert parsed_logbooks.latest(auth_client.user.pk) is None


def test_the_least_recently_read_logbook_leaves_first(
    make_auth_client, settings, django_capture_on_commit_callbacks
):
    from tests.accounts.factories import UserFactory

    settings.LOGBOOK_CACHE_ENTRIES = 2
    first, second, third = (make_auth_client(UserFactory()) for _ in range(3))
    for client in (first, second, third):
        push(client, "logbook_entry", _entry("a"))
    for client in (first, second):
        _read_committed(client.user, django_capture_on_commit_callbacks)
    logbook_entries(user=first.user)  # first is now the most recently read
    _read_committed(third.user, django_capture_on_commit_callbacks)
    assert parsed_logbooks.latest(second.user.pk) is None
    assert parsed_logbooks.latest(first.user.pk).head == 1
    assert parsed_logbooks.latest(third.user.pk).head == 1


@pytest.mark.django_db(transaction=True)
def test_the_practice_summary_follows_every_push(auth_client):
    push(auth_client, "logbook_entry", _entry("a", minutes=20))
    first = auth_client.get("/api/practice/summary").json()
    push(auth_client, "logbook_entry", _entry("b", minutes=40))
    second = auth_client.get("/api/practice/summary").json()
    assert second != first
    assert second["totalMinutes"] == first["totalMinutes"] + 40


def test_after_a_push_only_the_changed_entries_are_read(
    auth_client, django_capture_on_commit_callbacks
):
    push(auth_client, "logbook_entry", _entry("a"))
    push(auth_client, "logbook_entry", _entry("b"))
    _read_committed(auth_client.user, django_capture_on_commit_callbacks)
    push(auth_client, "logbook_entry", _entry("b", minutes=50))
    with CaptureQueriesContext(connection) as queries:
        entries = {e.entity_id: e.minutes for e in logbook_entries(user=auth_client.user)}
    assert entries == {"a": 30, "b": 50}
    [changed] = [q["sql"] for q in queries if "sync_data" in q["sql"]]
    assert '"seq" >' in changed  # the feed after the kept head, not the whole logbook


def test_a_deletion_after_a_kept_read_drops_the_entry(
    auth_client, django_capture_on_commit_callbacks
):
    push(auth_client, "logbook_entry", _entry("a"))
    push(auth_client, "logbook_entry", _entry("b"))
    _read_committed(auth_client.user, django_capture_on_commit_callbacks)
    push(auth_client, "logbook_entry", _entry("a"), deleted=True)
    assert [e.entity_id for e in logbook_entries(user=auth_client.user)] == ["b"]


def test_a_purge_past_the_kept_head_means_a_full_read(
    auth_client, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from sync.services.purge import tombstones_purge

    push(auth_client, "logbook_entry", _entry("a"))
    push(auth_client, "logbook_entry", _entry("b"))
    _read_committed(auth_client.user, django_capture_on_commit_callbacks)
    push(auth_client, "logbook_entry", _entry("a"), deleted=True)
    assert tombstones_purge(cutoff=timezone.now() + timedelta(seconds=1)) == (1, 1)
    assert [e.entity_id for e in logbook_entries(user=auth_client.user)] == ["b"]
