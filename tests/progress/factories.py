"""Logbook entries and repertoire rows for progress tests, written through the real paths."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count

from django.utils import timezone

from repertoire.logbook import logbook_entry_clean
from repertoire.models import RepertoireStatusChange, UserRepertoire
from sync.services import entity_write

_ids = count(1)


def log(user, at: datetime | str, minutes: float = 30, **fields) -> str:
    """Writes a logbook entry as a push would store it; returns its id."""
    entry_id = fields.pop("entry_id", None) or f"entry_{next(_ids)}"
    stamp = at if isinstance(at, str) else at.astimezone(UTC).isoformat()
    data = {
        "id": entry_id,
        "timestamp": stamp,
        "duration": minutes,
        "type": "practice",
        "instrument": "piano",
        "pieces": [],
        **fields,
    }
    entity_write(
        user=user, entity_type="logbook_entry", entity_id=entry_id, data=logbook_entry_clean(data)
    )
    return entry_id


def unlog(user, entry_id: str) -> None:
    """Deletes an entry as another device's sync would (a tombstone)."""
    entity_write(
        user=user, entity_type="logbook_entry", entity_id=entry_id, data=None, deleted=True
    )


def days_ago(n: int, hour: int = 10) -> datetime:
    now = timezone.now().astimezone(UTC)
    return now.replace(hour=hour, minute=0, second=0, microsecond=0) - timedelta(days=n)


def repertoire(user, score_id: str, status: str = "learning", **fields) -> UserRepertoire:
    """An item with its first status-history row, as `repertoire_add` records it."""
    item = UserRepertoire.objects.create(user=user, score_id=score_id, status=status, **fields)
    RepertoireStatusChange.objects.create(item=item, to_status=status, changed_at=item.created_at)
    return item


def status_change(item: UserRepertoire, status: str, at: datetime) -> None:
    """A dated status change, as `repertoire_update` records it."""
    RepertoireStatusChange.objects.create(
        item=item, from_status=item.status, to_status=status, changed_at=at
    )
    UserRepertoire.objects.filter(pk=item.pk).update(status=status, updated_at=at)
    item.status = status
