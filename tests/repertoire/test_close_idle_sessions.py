"""`manage.py close_idle_sessions`: open sessions nothing touched for the idle time are ended
when their last logged practice ended; idempotent, a dry run, safe beside another host."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from repertoire.services.practice_sessions import _close_if_idle
from sync.models import SyncData
from sync.services import entity_write
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default"])


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _session(user, session_id: str, started: datetime, **fields) -> None:
    data = {"id": session_id, "sessionType": "free_practice", "instrument": "piano"}
    data |= {"startTime": _iso(started), "endTime": None, **fields}
    entity_write(user=user, entity_type="practice_session", entity_id=session_id, data=data)


def _log(user, log_id: str, session_id: str, at: datetime, minutes: float) -> None:
    data = {"id": log_id, "timestamp": _iso(at), "duration": minutes, "type": "practice"}
    data |= {"sessionId": session_id, "metadata": {"accuracy": 90}}
    entity_write(user=user, entity_type="logbook_entry", entity_id=log_id, data=data)


def _age(entity_id: str, when: datetime) -> None:
    """As if the row was last written at `when` (the server's own record of activity)."""
    SyncData.objects.filter(entity_id=entity_id).update(updated_at=when)


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("close_idle_sessions", *args, stdout=out)
    return out.getvalue()


def _data(session_id: str) -> dict:
    return SyncData.objects.get(entity_id=session_id).data


@pytest.fixture
def idle_and_busy():
    user = UserFactory()
    long_ago = timezone.now() - timedelta(hours=10)
    _session(user, "idle", long_ago)
    _log(user, "l1", "idle", long_ago + timedelta(minutes=5), 20)
    for entity_id in ("idle", "l1"):
        _age(entity_id, long_ago + timedelta(minutes=30))
    _session(user, "busy", long_ago)  # written just now: not idle
    return user


def test_an_idle_session_is_ended_when_its_last_practice_ended(idle_and_busy):
    output = _run("--idle-minutes", "60")
    data = _data("idle")
    started = datetime.fromisoformat(data["startTime"])
    assert datetime.fromisoformat(data["endTime"]) == started + timedelta(minutes=25)
    assert (data["endedBy"], data["durationSeconds"], data["completedExercises"]) == (
        "idle",
        25 * 60,
        1,
    )
    assert data["accuracyPercentage"] == 90
    assert _data("busy")["endTime"] is None
    assert "closed 1 of 2 open session(s) idle for 60 minutes" in output
    assert "sessions: 2/2" in output


def test_a_second_run_closes_nothing_more(idle_and_busy):
    _run("--idle-minutes", "60")
    version = SyncData.objects.get(entity_id="idle").version
    assert "closed 0 of 1 open session(s)" in _run("--idle-minutes", "60")
    assert SyncData.objects.get(entity_id="idle").version == version


def test_a_dry_run_counts_and_writes_nothing(idle_and_busy):
    assert "would close 1 of 2" in _run("--dry-run", "--idle-minutes", "60")
    assert _data("idle")["endTime"] is None


def test_the_idle_time_comes_from_the_settings(idle_and_busy, settings):
    settings.PRACTICE_SESSION_IDLE_MINUTES = 11 * 60
    assert "closed 0 of 2" in _run()


def test_a_log_synced_late_keeps_its_session_open(idle_and_busy):
    _log(idle_and_busy, "late", "idle", timezone.now() - timedelta(hours=9), 5)  # arrives now
    assert "closed 0 of 2" in _run("--idle-minutes", "60")


def test_a_session_another_host_or_device_ended_meanwhile_is_left_alone(idle_and_busy):
    candidate = SyncData.objects.select_related("user").get(entity_id="idle")
    ended = {**candidate.data, "endTime": _iso(timezone.now()), "endedBy": "user"}
    entity_write(user=idle_and_busy, entity_type="practice_session", entity_id="idle", data=ended)
    cutoff = timezone.now() - timedelta(minutes=60)
    assert _close_if_idle(candidate, cutoff=cutoff, dry_run=False) is False
    assert _data("idle")["endedBy"] == "user"


@pytest.mark.parametrize("value", ["0", "-5", "soon"])
def test_a_bad_idle_time_is_refused(value):
    with pytest.raises(CommandError):
        call_command("close_idle_sessions", "--idle-minutes", value)
