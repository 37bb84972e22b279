"""Practice templates over REST: the `plan_template` sync entities the planning screens use
(reference §7.6), so a template saved here appears there and on every device, and one made
there is listed here. The design's template fields map onto that shape (docs/repertoire.md):
name → `title`, piece → `pieceRefs[0]`, minutes → `schedule.durationMinutes`; `activityType`,
`instrument` and `tempo` are added beside them. Unknown fields are kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from mirubato.api.errors import ApiError
from mirubato.api.preconditions import IfMatch, require_match
from mirubato.ids import new_id
from repertoire.practice_shapes import iso, template_view
from repertoire.selectors.templates import TEMPLATE
from sync.services import entity_lock, entity_write

if TYPE_CHECKING:
    from accounts.models import User
    from sync.models import SyncData

DEFAULTS: dict[str, Any] = {
    "description": "",
    "type": "custom",
    "focusAreas": [],
    "techniques": [],
    "pieceRefs": [],
    "tags": [],
    "visibility": "private",
    "templateVersion": 1,
}


def template_data(body: dict[str, Any], *, base: dict[str, Any]) -> dict[str, Any]:
    """A REST template body on top of `base`: `durationMinutes` goes into the schedule."""
    data = {**base, **{k: v for k, v in body.items() if k != "durationMinutes"}}
    schedule = data.get("schedule")
    schedule = dict(schedule) if isinstance(schedule, dict) else {"kind": "single"}
    if "durationMinutes" in body:
        schedule["durationMinutes"] = body["durationMinutes"]
    return {**data, "schedule": schedule}


def _view(row: SyncData) -> dict[str, Any]:
    return template_view(row.entity_id, row.version, row.data, row.updated_at)


def _own(user: User, template_id: str) -> SyncData:
    """The caller's own live template; anyone else's (public or not) is a 404 for edits."""
    row = entity_lock(user=user, entity_type=TEMPLATE, entity_id=template_id)
    if row is None or row.is_deleted:
        raise ApiError(404, "template_not_found", "No template of yours with this id.")
    return row


def _write(user: User, template_id: str, data: dict[str, Any], device_id: str) -> SyncData:
    return entity_write(
        user=user, entity_type=TEMPLATE, entity_id=template_id, data=data, device_id=device_id
    )


def practice_template_create(
    *, user: User, body: dict[str, Any], device_id: str = ""
) -> dict[str, Any]:
    """Saves a template (`409 already_exists` if the id is taken)."""
    now = iso(timezone.now())
    template_id = body.get("id") or f"template_{new_id().lower()}"
    stamps = {"id": template_id, "authorId": user.pk, "createdAt": now, "updatedAt": now}
    data = template_data(body, base={**DEFAULTS, "publishedAt": now}) | stamps
    with transaction.atomic(using="default"):
        row = entity_lock(user=user, entity_type=TEMPLATE, entity_id=template_id)
        if row is not None and not row.is_deleted:
            raise ApiError(409, "already_exists", "A template with this id already exists.")
        return _view(_write(user, template_id, data, device_id))


def practice_template_update(
    *,
    user: User,
    template_id: str,
    body: dict[str, Any],
    if_match: IfMatch | None,
    device_id: str = "",
) -> dict[str, Any]:
    """PATCH one of the caller's templates: the fields sent replace the stored ones."""
    if body.get("id", template_id) != template_id:
        raise ValidationError({"id": ["Must be the id in the path (or left out)."]})
    with transaction.atomic(using="default"):
        row = _own(user, template_id)
        require_match(if_match, version=row.version)
        base = row.data if isinstance(row.data, dict) else {}
        data = template_data(body, base=base)
        if data == base:
            return _view(row)  # nothing changes: no new version for the devices to pull
        data |= {"id": template_id, "updatedAt": iso(timezone.now())}
        return _view(_write(user, template_id, data, device_id))


def practice_template_delete(
    *, user: User, template_id: str, if_match: IfMatch | None, device_id: str = ""
) -> None:
    """A tombstone (the design's `is_active = false`): devices drop it at their next pull."""
    with transaction.atomic(using="default"):
        row = _own(user, template_id)
        require_match(if_match, version=row.version)
        entity_write(
            user=user,
            entity_type=TEMPLATE,
            entity_id=template_id,
            data={"deletedAt": iso(timezone.now())},
            deleted=True,
            device_id=device_id,
        )
