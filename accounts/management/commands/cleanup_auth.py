"""Deletes expired magic-link tokens and expired logins (with their refresh-token records).

Idempotent and safe on several hosts at once: each batch deletes rows by key with the
expiry condition repeated, so rows another runner already removed are simply not counted.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db.models import Model, QuerySet
from django.utils import timezone

from accounts.models import LoginSession, LoginToken

BATCH = 1000


def _delete_in_batches(queryset: QuerySet[Model], *, report) -> int:
    deleted = 0
    while keys := list(queryset.values_list("pk", flat=True)[:BATCH]):
        count, _ = queryset.filter(pk__in=keys).delete()
        deleted += count
        report(deleted)
        if len(keys) < BATCH:
            break
    return deleted


class Command(BaseCommand):
    help = "Delete expired login tokens and expired login sessions."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        now = timezone.now()
        targets = {
            "expired login tokens": LoginToken.objects.filter(expires_at__lte=now),
            "expired login sessions": LoginSession.objects.filter(expire_date__lte=now),
        }
        counts = {}
        for label, queryset in targets.items():
            if dry_run:
                counts[label] = queryset.count()
            else:
                counts[label] = _delete_in_batches(queryset, report=self._progress(label))
        verb = "would delete" if dry_run else "deleted"
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        self.stdout.write(f"cleanup_auth: {verb} {summary}")

    def _progress(self, label: str):
        def report(done: int) -> None:
            if done and done % (BATCH * 10) == 0:
                self.stdout.write(f"  {done} {label} so far", ending="\n")

        return report
