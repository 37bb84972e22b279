"""Cron: process uploaded score files (page count, text, 1200 px page images, 400 px
thumbnail, MusicXML metadata). Safe on several hosts at once: each version is claimed by one
runner only (scores.services.processing.claim_next). Failed versions are retried on later runs
until SCORES_PROCESSING_MAX_ATTEMPTS. When the file storage is unreachable the run stops with an
error (exit status 1) and the version it held goes back to the queue, its attempt not counted."""

from __future__ import annotations

import time

from django.core.management.base import CommandError

from mirubato.commands import RecordedCommand
from mirubato.storage import StorageUnavailable
from scores.selectors.processing import versions_waiting, versions_waiting_count
from scores.services.processing import claim_next, process_version


class Command(RecordedCommand):
    help = "Process pending score uploads: pages, text, images, thumbnail, metadata."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=0, help="Stop after this many (0: all).")
        parser.add_argument("--dry-run", action="store_true", help="List what would be processed.")

    def handle(self, *args, limit: int = 0, dry_run: bool = False, **options) -> None:
        if limit < 0:
            raise CommandError("--limit must be 0 (all) or more.")
        waiting = versions_waiting_count()
        total = min(waiting, limit) if limit else waiting
        if dry_run:
            for version in versions_waiting(limit=total or None):
                self.stdout.write(
                    f"would process {version.pk} ({version.format}) of {version.score_id}"
                )
            self.finish(f"process_scores: dry run, {total} version(s) waiting.", waiting=total)
            return
        self._run(total, limit)

    def _run(self, total: int, limit: int) -> None:
        started, tried, done = time.monotonic(), [], 0
        while not limit or len(tried) < limit:
            version = claim_next(skip=tried)
            if version is None:
                break
            tried.append(version.pk)
            try:
                ok = process_version(version)
            except StorageUnavailable as error:
                raise CommandError(
                    f"process_scores: file storage unavailable, {done} completed before it; "
                    f"{version.score_id} and the rest wait for the next run."
                ) from error
            done += ok
            state = "completed" if ok else "failed"
            position = f"[{len(tried)}/{max(total, len(tried))}]"
            self.stdout.write(f"{position} {version.score_id} {version.format}: {state}")
        failed = len(tried) - done
        seconds = time.monotonic() - started
        self.finish(
            f"process_scores: {done} completed, {failed} failed in {seconds:.1f}s.",
            completed=done,
            failed=failed,
        )
