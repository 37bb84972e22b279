"""Every management command records its runs; `command_runs` and the admin show the last one."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError
from django.utils import timezone

from mirubato.commands import RecordedCommand
from mirubato.management.commands.command_runs import scheduled_commands
from mirubato.models import CommandRun
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores", "dictionary"])
PROJECT_APPS = (
    "mirubato",
    "accounts",
    "sync",
    "repertoire",
    "progress",
    "scores",
    "dictionary",
    "legacy",
)
# A read that only lists runs records none of its own; a restore rewrites the table runs are
# recorded in, and a backup's own "running" row would come back from it (docs/deploy.md).
NOT_RECORDED = {"command_runs", "backup", "restore"}


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_successful_run_is_recorded_with_its_counts_and_summary():
    output = run("purge_sync", "--dry-run")
    record = CommandRun.objects.get(command="purge_sync")
    assert record.outcome == "ok"
    assert record.dry_run is True
    assert record.counts == {"idempotency_keys": 0, "tombstones": 0, "users": 0}
    assert record.summary.startswith("purge_sync: would delete 0")
    assert record.summary in output
    assert record.finished_at >= record.started_at
    assert record.duration_seconds >= 0
    assert record.host and record.pid


def test_a_failing_run_is_recorded_with_its_error():
    with pytest.raises(CommandError):
        run("process_scores", "--limit", "-1")
    record = CommandRun.objects.get(command="process_scores")
    assert record.outcome == "failed"
    assert record.error == "--limit must be 0 (all) or more."


def test_a_command_that_calls_others_records_each_run():
    run("load_demo", "--dry-run")
    assert CommandRun.objects.get(command="load_demo").counts["commands"] >= 1


def test_command_runs_lists_the_last_run_of_each_and_the_cron_jobs_that_never_ran():
    run("purge_sync", "--dry-run")
    run("purge_sync")
    output = run("command_runs")
    (purge,) = [line for line in output.splitlines() if line.startswith("purge_sync ")]
    assert " ok " in purge and "(dry run)" not in purge
    (never,) = [line for line in output.splitlines() if line.startswith("process_seed_queue ")]
    assert "never ran" in never


def test_command_runs_shows_the_history_of_one_command():
    run("purge_sync", "--dry-run")
    run("purge_sync")
    lines = run("command_runs", "--command", "purge_sync").splitlines()
    assert len(lines) == 2
    assert "(dry run)" in lines[1] and "(dry run)" not in lines[0]


def test_a_commands_records_past_the_retention_are_dropped_by_its_next_run(settings):
    settings.COMMAND_RUNS_RETENTION_DAYS = 30
    old = CommandRun.objects.create(
        command="purge_sync", started_at=timezone.now() - timedelta(days=31), outcome="ok"
    )
    other = CommandRun.objects.create(
        command="cleanup_auth", started_at=timezone.now() - timedelta(days=31), outcome="ok"
    )
    run("purge_sync", "--dry-run")
    assert not CommandRun.objects.filter(pk=old.pk).exists()
    assert CommandRun.objects.filter(pk=other.pk).exists()


def test_the_crontab_is_the_list_of_scheduled_commands():
    scheduled = scheduled_commands()
    assert {"cleanup_auth", "purge_sync", "process_scores", "engagement_rollup"} <= set(scheduled)
    assert set(scheduled) <= set(get_commands())


def test_every_project_command_records_its_runs():
    commands = {n: app for n, app in get_commands().items() if app in PROJECT_APPS}
    plain = {
        name
        for name, app in commands.items()
        if not isinstance(load_command_class(app, name), RecordedCommand)
    }
    assert plain - NOT_RECORDED == set()


def test_the_admin_lists_the_last_run_of_each_command(client):
    run("purge_sync", "--dry-run")
    run("purge_sync")
    run("cleanup_auth")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/mirubato/commandrun/")
    assert response.status_code == 200
    shown = list(response.context["cl"].result_list)
    assert sorted(r.command for r in shown) == ["cleanup_auth", "purge_sync"]
    assert next(r for r in shown if r.command == "purge_sync").dry_run is False
    history = client.get("/admin/mirubato/commandrun/?runs=all")
    assert len(history.context["cl"].result_list) == 3
