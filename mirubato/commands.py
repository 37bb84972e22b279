"""The base class of every management command of this project (docs/operations.md).

A `RecordedCommand` records each run in `command_runs`: start, end, duration, outcome (ok,
failed, interrupted), whether it was a dry run, the counts and summary line it reported, the
error if it failed, host and pid. `manage.py command_runs` and the admin show the last run of
each command; `/metrics` exposes them. Its log lines carry the run's id as their request id.

A command converts in three steps: derive from `RecordedCommand` instead of `BaseCommand`,
keep `handle()`, and end it with `self.finish(summary_line, **counts)` instead of the last
`self.stdout.write(...)`. Nothing else changes: arguments, output and errors stay the same.
"""

from __future__ import annotations

import logging
import os
import socket
import traceback
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from mirubato import services
from mirubato.models import CommandRun
from mirubato.telemetry import context

logger = logging.getLogger("mirubato.commands")
Outcome = CommandRun.Outcome


class RecordedCommand(BaseCommand):
    def command_name(self) -> str:
        return type(self).__module__.rsplit(".", 1)[-1]

    def finish(self, line: str, *, style: str = "", **counts: int) -> None:
        """Prints the summary line (in `style`: "SUCCESS", "WARNING"...) and keeps it, with
        the counts, for the run's record."""
        self._summary, self._counts = line, {**getattr(self, "_counts", {}), **counts}
        self.stdout.write(getattr(self.style, style)(line) if style else line)

    def count(self, **counts: int) -> None:
        """Counts for the record without a summary line (a command that prints several)."""
        self._counts = {**getattr(self, "_counts", {}), **counts}

    def execute(self, *args: Any, **options: Any) -> Any:
        self._summary, self._counts = "", {}
        with context.work(request_id=context.current_request_id() or None) as work:
            run = self._start(bool(options.get("dry_run")), work.request_id)
            try:
                result = super().execute(*args, **options)
            except KeyboardInterrupt:
                self._end(run, Outcome.INTERRUPTED, "interrupted")
                raise
            except BaseException as exc:
                self._end(run, Outcome.FAILED, _describe(exc))
                raise
            self._end(run, Outcome.OK)
        return result

    def _start(self, dry_run: bool, request_id: str) -> CommandRun | None:
        try:
            return services.command_run_start(
                command=self.command_name(),
                dry_run=dry_run,
                host=socket.gethostname(),
                pid=os.getpid(),
                request_id=request_id,
            )
        except DatabaseError as exc:  # the work matters more than its record
            logger.warning("cannot record the run of %s: %s", self.command_name(), exc)
            return None

    def _end(self, run: CommandRun | None, outcome: str, error: str = "") -> None:
        if run is None:
            return
        try:
            services.command_run_finish(
                run=run, outcome=outcome, counts=self._counts, summary=self._summary, error=error
            )
        except DatabaseError as exc:
            logger.warning("cannot record the end of %s: %s", run.command, exc)
        log = logger.info if outcome == Outcome.OK else logger.error
        log(
            "%s %s in %.1fs",
            run.command,
            outcome,
            run.duration_seconds or 0.0,
            extra={"command": run.command, "outcome": outcome, "counts": self._counts},
        )


def _describe(exc: BaseException) -> str:
    if isinstance(exc, CommandError):
        return str(exc)
    return "".join(traceback.format_exception_only(exc)).strip()
