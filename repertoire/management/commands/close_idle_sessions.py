"""Cron: `manage.py close_idle_sessions` ends practice sessions left open that nothing touched
for PRACTICE_SESSION_IDLE_MINUTES (`--idle-minutes`): each is ended when its last logged
practice ended, `endedBy: "idle"`, and every device pulls the change. Idempotent, safe on
several hosts at once (each session is re-read under its user's feed lock before it is
closed), `--dry-run` only counts."""

from __future__ import annotations

import argparse
from datetime import timedelta

from django.conf import settings

from mirubato.commands import RecordedCommand
from repertoire.services.practice_sessions import OPEN_SESSIONS_PER_RUN, sessions_close_idle

PROGRESS_EVERY = 100


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


class Command(RecordedCommand):
    help = "End practice sessions left open (see PRACTICE_SESSION_IDLE_MINUTES)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, close nothing.")
        parser.add_argument(
            "--idle-minutes",
            type=_positive,
            default=None,
            help="Override PRACTICE_SESSION_IDLE_MINUTES for this run.",
        )
        parser.add_argument(
            "--limit",
            type=_positive,
            default=OPEN_SESSIONS_PER_RUN,
            help=f"Open sessions to look at in this run (default {OPEN_SESSIONS_PER_RUN}).",
        )

    def _progress(self, done: int, total: int) -> None:
        if done % PROGRESS_EVERY == 0 or done == total:
            self.stdout.write(f"  sessions: {done}/{total}")

    def handle(self, *args, dry_run=False, idle_minutes=None, limit=OPEN_SESSIONS_PER_RUN, **_):
        minutes = idle_minutes or settings.PRACTICE_SESSION_IDLE_MINUTES
        closed, looked_at = sessions_close_idle(
            idle=timedelta(minutes=minutes), dry_run=dry_run, limit=limit, progress=self._progress
        )
        verb = "would close" if dry_run else "closed"
        self.finish(
            f"close_idle_sessions: {verb} {closed} of {looked_at} open session(s) idle for "
            f"{minutes} minutes or more.",
            closed=closed,
            open_sessions=looked_at,
        )
