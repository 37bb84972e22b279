"""Practice logs written over REST: logbook entries, written through the sync engine
(`entity_write`), so every device pulls them and the live socket announces them, held to the
logbook's rule (`logbook_entry_clean`) exactly like a pushed entry.

Each write is one transaction holding the user's feed lock from the read of the stored entry
to the write (`entity_lock`), so an `If-Match` check or a PATCH merge cannot interleave with a
device's push (repertoire/preconditions.py has the rule).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from mirubato.api.errors import ApiError
from mirubato.api.preconditions import IfMatch, require_match
from mirubato.ids import new_id
from repertoire.logbook import LOGBOOK_ENTRY, logbook_entry_clean
from repertoire.practice_shapes import iso, log_entry_data, log_view, quick_log_entry
from repertoire.selectors.templates import template_adoptable
from repertoire.sessions import PRACTICE_SESSION
from sync.services import FieldError, entity_lock, entity_write

if TYPE_CHECKING:
    from accounts.models import User
    from sync.models import SyncData

SERVER_STAMP = "updatedAt"  # set on every REST write; never a reason for a new version alone


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    try:
        return logbook_entry_clean(data)
    except FieldError as exc:
        raise ValidationError({exc.field: [exc.message]}) from None


def _stamped(
    data: dict[str, Any], *, entity_id: str, now: datetime, created: Any = None
) -> dict[str, Any]:
    """The entry with its id and dates: `createdAt` as the client (or the stored entry) has
    it, else now; `updatedAt` now, so sync's conflict rule dates this edit correctly."""
    stamp = iso(now)
    created = data.get("createdAt") or created or stamp
    return {**data, "id": entity_id, "createdAt": created, SERVER_STAMP: stamp}


def references_check(*, user: User, body: dict[str, Any]) -> None:
    """The session and template a body names must be the caller's (a public template of
    someone else will do); anything else is a 404, as for a missing one."""
    session_id = body.get("sessionId")
    if isinstance(session_id, str) and session_id:
        row = entity_lock(user=user, entity_type=PRACTICE_SESSION, entity_id=session_id)
        if row is None or row.is_deleted:
            raise ApiError(404, "session_not_found", "No practice session with this id.")
    template_id = body.get("templateId")
    if isinstance(template_id, str) and template_id:
        template_adoptable(user=user, template_id=template_id)


def _live(user: User, log_id: str, body: dict[str, Any]) -> SyncData:
    if body.get("id", log_id) != log_id:
        raise ValidationError({"id": ["Must be the id in the path (or left out)."]})
    row = entity_lock(user=user, entity_type=LOGBOOK_ENTRY, entity_id=log_id)
    if row is None or row.is_deleted:
        raise ApiError(404, "log_not_found", "No practice log with this id.")
    return row


def _same(data: dict[str, Any], stored: Any) -> bool:
    if not isinstance(stored, dict):
        return False
    drop = {SERVER_STAMP}
    return {k: v for k, v in data.items() if k not in drop} == {
        k: v for k, v in stored.items() if k not in drop
    }


def _write(user: User, row: SyncData | None, data: dict, device_id: str) -> dict[str, Any]:
    if row is not None and not row.is_deleted and _same(data, row.data):
        return log_view(row.entity_id, row.version, row.data, row.updated_at)  # no new version
    row = entity_write(
        user=user,
        entity_type=LOGBOOK_ENTRY,
        entity_id=data["id"],
        data=data,
        device_id=device_id,
    )
    return log_view(row.entity_id, row.version, row.data, row.updated_at)


def _create(*, user: User, data: dict[str, Any], device_id: str) -> dict[str, Any]:
    entity_id = data.get("id") or f"entry_{new_id().lower()}"
    row = entity_lock(user=user, entity_type=LOGBOOK_ENTRY, entity_id=entity_id)
    if row is not None and not row.is_deleted:
        raise ApiError(409, "already_exists", "A practice log with this id already exists.")
    entry = _clean(_stamped(data, entity_id=entity_id, now=timezone.now()))
    return _write(user, row, entry, device_id)


def log_create(*, user: User, body: dict[str, Any], device_id: str = "") -> dict[str, Any]:
    """A new log from a REST body (`id` optional; `409 already_exists` if it is taken)."""
    with transaction.atomic(using="default"):
        references_check(user=user, body=body)
        return _create(user=user, data=log_entry_data(body), device_id=device_id)


def log_replace(
    *,
    user: User,
    log_id: str,
    body: dict[str, Any],
    if_match: IfMatch | None,
    device_id: str = "",
) -> dict[str, Any]:
    """PUT: the whole entry becomes the body (fields left out are gone; `createdAt` stays)."""
    with transaction.atomic(using="default"):
        row = _live(user, log_id, body)
        require_match(if_match, version=row.version)
        references_check(user=user, body=body)
        created = row.data.get("createdAt") if isinstance(row.data, dict) else None
        data = _stamped(log_entry_data(body), entity_id=log_id, now=timezone.now(), created=created)
        return _write(user, row, _clean(data), device_id)


def log_update(
    *,
    user: User,
    log_id: str,
    body: dict[str, Any],
    if_match: IfMatch | None,
    device_id: str = "",
) -> dict[str, Any]:
    """PATCH: the fields sent replace the stored ones; every other field (a device's own
    included) stays. Sending what is already stored creates no new version."""
    with transaction.atomic(using="default"):
        row = _live(user, log_id, body)
        require_match(if_match, version=row.version)
        references_check(user=user, body=body)
        base = row.data if isinstance(row.data, dict) else {}
        data = _stamped(log_entry_data(body, base=base), entity_id=log_id, now=timezone.now())
        return _write(user, row, _clean(data), device_id)


def log_delete(*, user: User, log_id: str, if_match: IfMatch | None, device_id: str = "") -> None:
    """A tombstone every device pulls, dated now (so it wins conflicts against older edits)."""
    with transaction.atomic(using="default"):
        row = _live(user, log_id, {})
        require_match(if_match, version=row.version)
        entity_write(
            user=user,
            entity_type=LOGBOOK_ENTRY,
            entity_id=log_id,
            data={"deletedAt": iso(timezone.now())},
            deleted=True,
            device_id=device_id,
        )


def quick_log(*, user: User, fields: dict[str, Any], device_id: str = "") -> dict[str, Any]:
    """The design's QuickLogRequest as a logbook entry: practised just now for `duration`
    minutes (so it started that long ago), filled in from a template when one is named (the
    request's own values win)."""
    with transaction.atomic(using="default"):
        template = None
        if fields.get("template_id"):
            template = template_adoptable(user=user, template_id=fields["template_id"])
        now = timezone.now()
        data = quick_log_entry(
            fields,
            template=template.data if template is not None else {},
            instrument=getattr(user, "primary_instrument", "") or "",
            start=now - timedelta(minutes=fields["duration"]),
        )
        if not data.get("activityType"):
            raise ValidationError({"activityType": ["Required, unless the template names one."]})
        references_check(user=user, body={"sessionId": data.get("sessionId")})
        return _create(user=user, data=data, device_id=device_id)
