"""Practice-plan templates (`plan_template` sync entities) a user may adopt."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mirubato.api.errors import ApiError
from repertoire.practice_shapes import template_view
from repertoire.selectors.logbook import decode_text
from sync.selectors import entities_matching, entities_named, entity_get, entity_records

if TYPE_CHECKING:
    from accounts.models import User
    from sync.models import SyncData

TEMPLATE = "plan_template"
OCCURRENCE = "plan_occurrence"
SOURCE_OCCURRENCES = 5


def template_adoptable(*, user: User, template_id: str) -> SyncData:
    """The caller's own live template with this id, else a public one of another user. A
    private template of someone else is a 404 exactly like a missing one."""
    live = entities_named(entity_type=TEMPLATE, entity_id=template_id)
    own = next((row for row in live if row.user_id == user.pk), None)
    if own is not None and isinstance(own.data, dict):
        return own
    public = (row for row in live if row.user_id != user.pk and _is_public(row.data))
    found = next(public, None)
    if found is None:
        raise ApiError(404, "template_not_found", "No template with this id that you can use.")
    return found


def _is_public(data: Any) -> bool:
    return isinstance(data, dict) and data.get("visibility") == "public"


def source_segments(*, template: SyncData) -> list[Any]:
    """Segments of the template's source plan: from the latest of its author's 5 most recent
    occurrences that has any, else the template's `metadata.preview.segments`."""
    plan_id = template.data.get("sourcePlanId")
    if isinstance(plan_id, str) and plan_id:
        rows = entities_matching(
            user_id=template.user_id,
            entity_type=OCCURRENCE,
            data={"planId": plan_id},
            limit=SOURCE_OCCURRENCES,
        )
        for row in rows:
            segments = row.data.get("segments") if isinstance(row.data, dict) else None
            if isinstance(segments, list) and segments:
                return segments
    metadata = template.data.get("metadata")
    preview = metadata.get("preview") if isinstance(metadata, dict) else None
    segments = preview.get("segments") if isinstance(preview, dict) else None
    return segments if isinstance(segments, list) else []


# --- Practice templates over REST (the caller's own) ----------------------------------------


def practice_template_page(
    *, user: User, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of the caller's own live templates, the most recently changed first."""
    rows = entity_records(user=user, entity_type=TEMPLATE)
    rows.sort(key=lambda row: (row[3], row[0]), reverse=True)
    views = [
        template_view(entity_id, version, decode_text(text), changed_at)
        for entity_id, version, text, changed_at in rows[offset : offset + limit]
    ]
    return views, len(rows)


def practice_template_get(*, user: User, template_id: str) -> dict[str, Any]:
    """One of the caller's own live templates, else a 404 (another user's, public or not)."""
    row = entity_get(user=user, entity_type=TEMPLATE, entity_id=template_id)
    if row is None:
        raise ApiError(404, "template_not_found", "No template of yours with this id.")
    return template_view(row.entity_id, row.version, row.data, row.updated_at)
