"""The engagement rollup's write: one `engagement_daily` row per UTC day, replaced on each run
(idempotent; two runners at once write the same figures)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from progress.models import EngagementDay
from progress.selectors.engagement import engagement_compute


def engagement_rollup(*, first: date, last: date, dry_run: bool = False) -> list[dict[str, Any]]:
    """Computes the days from `first` to `last` and, unless `dry_run`, stores them."""
    rows = engagement_compute(first=first, last=last)
    if dry_run:
        return rows
    now = timezone.now()
    with transaction.atomic(using="default"):
        for row in rows:
            figures = {key: value for key, value in row.items() if key != "day"}
            EngagementDay.objects.update_or_create(
                day=row["day"], defaults={**figures, "computed_at": now}
            )
    return rows
