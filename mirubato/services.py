"""Writes of the shared plumbing: the run records of management commands."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mirubato.models import CommandRun


def command_run_start(
    *, command: str, dry_run: bool, host: str, pid: int, request_id: str
) -> CommandRun:
    return CommandRun.objects.create(
        command=command, dry_run=dry_run, host=host, pid=pid, request_id=request_id
    )


def command_run_finish(
    *, run: CommandRun, outcome: str, counts: dict[str, Any], summary: str, error: str = ""
) -> CommandRun:
    """Closes the record, and drops this command's records past COMMAND_RUNS_RETENTION_DAYS
    (a cron every two minutes writes 720 a day)."""
    now = timezone.now()
    run.finished_at, run.outcome = now, outcome
    run.duration_seconds = (now - run.started_at).total_seconds()
    run.counts, run.summary, run.error = counts, summary[:2000], error[:4000]
    cutoff = now - timedelta(days=settings.COMMAND_RUNS_RETENTION_DAYS)
    with transaction.atomic(using="default"):
        run.save()
        CommandRun.objects.filter(command=run.command, started_at__lt=cutoff).delete()
    return run
