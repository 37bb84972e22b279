"""Adopting a practice-plan template (reference §7.6): a new private plan and its first
occurrence, written as the caller's sync entities so every device pulls them, and one more
adoption counted on the template. Template data is client JSON: every field is read
defensively, so an odd template gives defaults, never a 500."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from mirubato.ids import new_id
from repertoire.selectors.templates import (
    OCCURRENCE,
    TEMPLATE,
    source_segments,
    template_adoptable,
)
from repertoire.timeparse import at_time_of_day, plan_moment
from sync.services import entity_write

if TYPE_CHECKING:
    from accounts.models import User
    from sync.models import SyncData

PLAN = "practice_plan"
PLAN_TYPES = ("bootcamp", "course", "custom")
DEFAULT_MINUTES = 60
# The largest integer every client's JSON number (a double) holds exactly; the count stays
# there rather than growing past what orjson can encode (64 bits).
MAX_ADOPTIONS = 2**53 - 1


def _iso(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("UTC")).isoformat().replace("+00:00", "Z")


def _get(data: dict[str, Any], key: str, kind: type, default: Any) -> Any:
    value = data.get(key)
    return value if isinstance(value, kind) else default


def _strings(*lists: Any) -> list[str]:
    """Union of string lists in first-seen order; anything else is ignored."""
    items = (s for one in lists if isinstance(one, list) for s in one if isinstance(s, str))
    return list(dict.fromkeys(items))


def _start(schedule: dict[str, Any], zone: ZoneInfo) -> datetime:
    """`startDate` (else now), at `timeOfDay` in the caller's zone when one is given. A
    template's unreadable or out-of-range value is ignored, as if absent."""
    start = timezone.now()
    raw, of_day = _get(schedule, "startDate", str, ""), _get(schedule, "timeOfDay", str, "")
    with contextlib.suppress(ValueError):
        start = plan_moment(raw, zone) if raw else start
    with contextlib.suppress(ValueError):
        start = at_time_of_day(start, of_day, zone) if of_day else start
    return start


def _minutes(schedule: dict[str, Any]) -> int:
    value = schedule.get("durationMinutes")
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1440
    return value if ok else DEFAULT_MINUTES


def _segments(raw: list[Any]) -> list[dict[str, Any]]:
    """Segments with trimmed labels; an empty label becomes "Segment N"."""
    segments = []
    for number, segment in enumerate((s for s in raw if isinstance(s, dict)), start=1):
        label = _get(segment, "label", str, "").strip()
        segments.append({**segment, "label": label or f"Segment {number}"})
    return segments


def _plan(template: SyncData, custom: dict[str, Any], user: User, now: str) -> dict[str, Any]:
    data = template.data
    schedule = {**_get(data, "schedule", dict, {}), **custom.get("schedule", {})}
    schedule.setdefault("kind", "single")
    return {
        "id": f"plan_{new_id().lower()}",
        "title": custom.get("title") or f"{_get(data, 'title', str, 'Practice plan')} (Copy)",
        "description": _get(data, "description", str, ""),
        "type": data["type"] if data.get("type") in PLAN_TYPES else "custom",
        "focusAreas": _strings(data.get("focusAreas"), custom.get("focus_areas")),
        "techniques": _strings(data.get("techniques")),
        "pieceRefs": [p for p in _get(data, "pieceRefs", list, []) if isinstance(p, dict)],
        "schedule": schedule,
        "visibility": "private",
        "status": "active",
        "ownerId": user.pk,
        "sourceTemplateId": template.entity_id,
        "templateVersion": _get(data, "templateVersion", int, 1),
        "tags": _strings(data.get("tags"), custom.get("tags")),
        "metadata": {
            **_get(data, "metadata", dict, {}),
            "adoptedFrom": template.entity_id,
            "adoptedAt": now,
        },
        "createdAt": now,
        "updatedAt": now,
    }


def _occurrence(plan: dict[str, Any], template: SyncData, zone: ZoneInfo) -> dict[str, Any]:
    schedule = plan["schedule"]
    start = _start(schedule, zone)
    rule = schedule.get("rule") if schedule.get("kind") == "recurring" else None
    return {
        "id": f"plan_occ_{new_id().lower()}",
        "planId": plan["id"],
        "scheduledStart": _iso(start),
        "scheduledEnd": _iso(start + timedelta(minutes=_minutes(schedule))),
        "flexWindow": None if schedule.get("flexibility") == "fixed" else "same-day",
        "recurrenceKey": rule if isinstance(rule, str) else None,
        "segments": _segments(source_segments(template=template)),
        "targets": {},
        "reflectionPrompts": [],
        "status": "scheduled",
        "createdAt": plan["createdAt"],
        "updatedAt": plan["createdAt"],
    }


def _count_adoption(template: SyncData) -> None:
    """One more adoption on the author's template: a new version their devices pull. Its
    `updatedAt` stays, so an edit the author makes meanwhile still wins a conflict."""
    count = _get(template.data, "adoptionCount", int, 0)
    data = {**template.data, "adoptionCount": min(max(count, 0) + 1, MAX_ADOPTIONS)}
    entity_write(user=template.user, entity_type=TEMPLATE, entity_id=template.entity_id, data=data)


def template_adopt(
    *, user: User, template_id: str, customization: dict[str, Any], zone: ZoneInfo
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Creates the plan and its first occurrence from a template the caller may use (their
    own, or a public one; never another user's private one), in one transaction."""
    with transaction.atomic(using="default"):
        template = template_adoptable(user=user, template_id=template_id)
        plan = _plan(template, customization, user, _iso(timezone.now()))
        occurrence = _occurrence(plan, template, zone)
        entity_write(user=user, entity_type=PLAN, entity_id=plan["id"], data=plan)
        entity_write(user=user, entity_type=OCCURRENCE, entity_id=occurrence["id"], data=occurrence)
        _count_adoption(template)
    return plan, occurrence
