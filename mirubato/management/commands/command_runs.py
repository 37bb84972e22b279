"""`manage.py command_runs`: the last run of each management command (or the history of one),
beside the schedule in docs/crontab, so a cron that never ran shows up too. A read: it records
no run of its own."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mirubato.models import CommandRun
from mirubato.selectors import command_runs_latest, command_runs_of

CRONTAB = Path(settings.BASE_DIR) / "docs" / "crontab"
_SCHEDULED = re.compile(r"manage\.py\s+([a-z0-9_]+)")


def scheduled_commands(path: Path = CRONTAB) -> list[str]:
    """The commands docs/crontab runs, in its order (the one list of scheduled work)."""
    names: list[str] = []
    for line in path.read_text().splitlines() if path.exists() else []:
        found = _SCHEDULED.search(line)
        if found and not line.lstrip().startswith("#") and found.group(1) not in names:
            names.append(found.group(1))
    return names


def _line(name: str, run: CommandRun | None, scheduled: bool) -> str:
    mark = "cron" if scheduled else "    "
    if run is None:
        return f"{name:<24} {mark}  never ran"
    took = "" if run.duration_seconds is None else f"{run.duration_seconds:8.1f}s"
    dry = " (dry run)" if run.dry_run else ""
    text = run.error if run.outcome == run.Outcome.FAILED else run.summary
    return (
        f"{name:<24} {mark}  {run.started_at:%Y-%m-%d %H:%M:%S}Z {took:>9} "
        f"{run.outcome:<11}{dry} {text.splitlines()[0] if text else ''}"
    )


class Command(BaseCommand):
    help = "Show the last run of each management command (and which cron jobs never ran)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--command", help="Show the recent runs of this command only.")
        parser.add_argument("--limit", type=int, default=20, help="Runs shown with --command.")

    def handle(self, *args, command: str | None = None, limit: int = 20, **options) -> None:
        scheduled = scheduled_commands()
        if command:
            if limit < 1:
                raise CommandError("--limit must be at least 1.")
            runs = command_runs_of(command=command, limit=limit)
            for run in runs:
                self.stdout.write(_line(command, run, command in scheduled))
            if not runs:
                self.stdout.write(_line(command, None, command in scheduled))
            return
        latest = {run.command: run for run in command_runs_latest()}
        for name in [*scheduled, *sorted(set(latest) - set(scheduled))]:
            self.stdout.write(_line(name, latest.get(name), name in scheduled))
