"""The user's live logbook, read once per request and parsed with `repertoire.logbook`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from repertoire.logbook import LOGBOOK_ENTRY, Entry, parse_entries
from sync.models import SyncData


def logbook_rows(*, user: User) -> QuerySet[SyncData]:
    """Live (not deleted) logbook entries of `user`."""
    return SyncData.objects.filter(user=user, entity_type=LOGBOOK_ENTRY, deleted_at__isnull=True)


def logbook_entries(*, user: User) -> list[Entry]:
    rows: Any = logbook_rows(user=user).values_list("entity_id", "data")
    return list(parse_entries(rows))
