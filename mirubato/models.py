"""The one table of the shared plumbing: a record of each management command run
(`command_runs`, `default` database), written by `mirubato.commands.RecordedCommand`."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from mirubato.ids import ID_LENGTH, new_id


class CommandRun(models.Model):
    class Outcome(models.TextChoices):
        RUNNING = "running", "Running"
        OK = "ok", "Succeeded"
        FAILED = "failed", "Failed"
        INTERRUPTED = "interrupted", "Interrupted"

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    command = models.CharField(max_length=100)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.RUNNING)
    dry_run = models.BooleanField(default=False)
    # What the command reported: a few named counts, its summary line, the error if it failed.
    counts = models.JSONField(default=dict, blank=True)
    summary = models.TextField(blank=True, default="")
    error = models.TextField(blank=True, default="")
    host = models.CharField(max_length=255, blank=True, default="")
    pid = models.PositiveIntegerField(null=True, blank=True)
    request_id = models.CharField(max_length=128, blank=True, default="")

    class Meta:
        db_table = "command_runs"
        ordering = ("-started_at",)
        indexes = [models.Index(fields=["command", "-started_at"], name="command_runs_latest")]

    def __str__(self) -> str:
        return f"{self.command} at {self.started_at:%Y-%m-%d %H:%M:%S} ({self.outcome})"
