"""Changes the service makes itself (preferences, piece rename, template adoption), through the
same writer and rules as a pushed item."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from sync.models import ENTITY_TYPES, SyncData
from sync.services.writer import FeedWriter, feed_lock
from sync.validation import entity_checksum

if TYPE_CHECKING:
    from accounts.models import User


def entity_write(
    *,
    user: User,
    entity_type: str,
    entity_id: str,
    data: dict | None,
    deleted: bool = False,
    device_id: str = "",
) -> SyncData:
    """One change made by the service itself (preferences, piece rename, template adoption).

    Same rules as a pushed item: identical content is a no-op (no new version, no feed entry),
    a change gets the next version and feed position, `deleted=True` leaves a tombstone. It is
    authoritative (no conflict detection) and joins the caller's transaction on `default`."""
    if entity_type not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type {entity_type!r}")
    if not deleted and not isinstance(data, dict):
        raise ValueError("data must be a dict unless deleted=True")
    checksum = "" if deleted else entity_checksum(data)
    with transaction.atomic(using="default"):
        writer = FeedWriter(meta=feed_lock(user_id=user.pk), device_id=device_id)
        row = SyncData.objects.filter(
            user_id=user.pk, entity_type=entity_type, entity_id=entity_id
        ).first()
        row, _ = writer.write(
            row,
            entity_type=entity_type,
            entity_id=entity_id,
            data=data,
            deleted=deleted,
            checksum=checksum,
        )
        writer.flush()
    return row


def entity_lock(*, user: User, entity_type: str, entity_id: str) -> SyncData | None:
    """The user's entity (live, or a tombstone), or None, with the user's feed lock taken for
    the rest of the caller's transaction: an edit read, checked (a REST `If-Match`) and
    written back in that transaction cannot interleave with a push of the same user."""
    feed_lock(user_id=user.pk)
    return SyncData.objects.filter(
        user_id=user.pk, entity_type=entity_type, entity_id=entity_id
    ).first()


def entities_lock(*, user: User, entity_type: str) -> list[tuple[str, Any]]:
    """(entity id, data) of the user's live entities of one type, with the user's feed lock
    taken for the rest of the caller's transaction: a rewrite based on them (a piece renamed
    across the logbook) cannot interleave with a push of the same user."""
    feed_lock(user_id=user.pk)
    rows = SyncData.objects.filter(user_id=user.pk, entity_type=entity_type, deleted_at=None)
    return list(rows.order_by("seq").values_list("entity_id", "data"))
