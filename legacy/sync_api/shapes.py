"""The original client's sync bodies (reference §5.3, §5.7) and ours (docs/sync.md), both ways.

Pure functions: no database, no rule of their own. Our push decides what is valid, what is a
delete and what wins; these only move the client's items into our changes and our answers
into the keys the client reads.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from rest_framework.exceptions import ValidationError

from mirubato.api.errors import ApiError

# Legacy key → our entity type, in the order the original applied a push (reference §5.4).
PUSH_BUCKETS = (
    ("entries", "logbook_entry"),
    ("practicePlans", "practice_plan"),
    ("planOccurrences", "plan_occurrence"),
    ("planTemplates", "plan_template"),
    ("goals", "goal"),
)
BUCKET_OF = {kind: bucket for bucket, kind in PUSH_BUCKETS}
# The pull answer's keys, in the original's order; other types are not the client's to see.
PULL_BUCKETS = ("entries", "goals", "practicePlans", "planOccurrences", "planTemplates")
STATS_KEYS = ("entries", "goals", "practicePlans", "planOccurrences")  # the original's five

_CHANGE_INDEX = re.compile(r"^changes\[(\d+)\]")


def now_iso() -> str:
    """Server time as the client's own `toISOString()` writes it (milliseconds, `Z`)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- Pull ----------------------------------------------------------------------------------


def live_fold(state: dict[tuple[str, str], Any], changes: list[dict[str, Any]]) -> None:
    """Adds one pull page to the live state being assembled: pages after the first carry
    what changed since the one before, so a later state replaces an earlier one and a
    tombstone removes it (no tombstone ever reaches the answer)."""
    for change in changes:
        key = (change["type"], change["id"])
        state.pop(key, None)  # re-inserted last: the answer stays in feed order
        if not change["deleted"]:
            state[key] = change["data"]


def pull_answer(state: dict[tuple[str, str], Any], *, sync_token: str) -> dict[str, Any]:
    """`{entries, goals, practicePlans, planOccurrences, planTemplates, syncToken, timestamp}`:
    every key present, each item the stored `data` as it is."""
    answer: dict[str, Any] = {bucket: [] for bucket in PULL_BUCKETS}
    for (kind, _), data in state.items():
        bucket = BUCKET_OF.get(kind)
        if bucket is not None:
            answer[bucket].append(data)
    return {**answer, "syncToken": sync_token, "timestamp": now_iso()}


# --- Push ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where one of our changes came from in the client's body, to name it in an error."""

    bucket: str
    index: int
    entity_id: Any


def _change(kind: str, item: dict[str, Any], *, user_id: str) -> dict[str, Any]:
    data = item
    if kind == "plan_template" and not item.get("authorId"):
        data = {**item, "authorId": user_id}  # the client sends "" and "will be set by server"
    change: dict[str, Any] = {"type": kind, "id": item.get("id"), "data": data}
    if item.get("deletedAt"):
        change["deleted"] = True  # a bare {id, deletedAt} marker or a full entity with it
    return change


def push_changes_from(body: Any, *, user_id: str) -> tuple[list[dict[str, Any]], list[Origin]]:
    """Our changes for `{changes: {entries?, goals?, practicePlans?, planOccurrences?,
    planTemplates?}}`, with no `baseVersion` (last arrival wins, as in the original), each
    item kept whole as `data`. Other keys are ignored, as the original ignored them."""
    buckets = body.get("changes") if isinstance(body, dict) else None
    if not isinstance(buckets, dict):
        message = "Required: an object of entries, goals, practicePlans, ... lists."
        raise ValidationError({"changes": [message]})
    changes, origins = [], []
    for bucket, kind in PUSH_BUCKETS:
        items = buckets.get(bucket)
        if items is None:
            continue
        if not isinstance(items, list):
            raise ValidationError({f"changes.{bucket}": ["Must be a list."]})
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise ValidationError({f"changes.{bucket}[{index}]": ["Must be an object."]})
            changes.append(_change(kind, item, user_id=user_id))
            origins.append(Origin(bucket, index, item.get("id")))
    return changes, origins


def chunked(changes: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    """Pushes of at most `size` changes (our per-push limit); one, maybe empty, at least."""
    return [changes[start : start + size] for start in range(0, len(changes), size)] or [[]]


def chunk_key(key: str | None, number: int) -> str | None:
    """The idempotency key of chunk `number` (0-based): the client's own for the first, so a
    bad key is refused before anything is written; a key derived from it for the others,
    short whatever the client's length, so a retry of the same body replays every chunk."""
    if not key or number == 0:
        return key
    digest = hashlib.sha256(key.strip().encode()).hexdigest()[:40]
    return f"{digest}:{number + 1}"


def _index_of(exc: ApiError) -> int | None:
    index = exc.details.get("index")
    if isinstance(index, int):
        return index
    for name in exc.details:
        match = _CHANGE_INDEX.match(str(name))
        if match:
            return int(match.group(1))
    return None


def reason_of(exc: ApiError) -> str:
    """The first field message of our error, else its message."""
    for problems in (exc.details.get("errors") or {}).values():
        if problems:
            return str(problems[0])
    return exc.message


def item_field(exc: ApiError, prefix: str) -> str:
    """The bad field of our push error named from the client's item (`data.duration` →
    `<prefix>.duration`)."""
    field = str(exc.details.get("field") or "")
    if field in ("", "data"):
        return prefix
    return f"{prefix}.{field.removeprefix('data.')}"


def item_error(exc: ApiError, origins: list[Origin], *, offset: int) -> ApiError:
    """Our error about change `offset + index` as one about the client's item, named where it
    sent it (`changes.entries[3].duration`) and by id. Errors about no item pass unchanged."""
    index = _index_of(exc)
    if index is None or not 0 <= offset + index < len(origins):
        return exc
    origin = origins[offset + index]
    name = item_field(exc, f"changes.{origin.bucket}[{origin.index}]")
    message = f"{name}: {reason_of(exc)}"
    if isinstance(origin.entity_id, str):
        message += f' (id "{origin.entity_id}")'
    details = {k: v for k, v in exc.details.items() if k in ("limit", "unit")}
    details |= {"bucket": origin.bucket, "index": origin.index, "field": name}
    return ApiError(exc.status_code, exc.code, message, details | {"id": origin.entity_id})


def _conflict(conflict: dict[str, Any]) -> dict[str, Any]:
    return {
        "entityId": conflict["id"],
        "entityType": conflict["type"],
        "remoteVersion": conflict["server_version"],
        "reason": conflict["resolution"],
    }


def push_answer(bodies: list[dict[str, Any]], origins: list[Origin]) -> dict[str, Any]:
    """`{success: true, syncToken, conflicts, stats}` for the answers of a push's chunks.
    `duplicatesPrevented` counts items identical to what was stored (ours: `unchanged`)."""
    results = [result for body in bodies for result in body["results"]]
    counts = {bucket: 0 for bucket in STATS_KEYS}
    for origin in origins:
        if origin.bucket in counts:
            counts[origin.bucket] += 1
    stats = {f"{bucket}Processed": count for bucket, count in counts.items()}
    unchanged = sum(result["status"] == "unchanged" for result in results)
    return {
        "success": True,
        "syncToken": bodies[-1]["cursor"],
        "conflicts": [_conflict(c) for body in bodies for c in body["conflicts"]],
        "stats": {**stats, "duplicatesPrevented": unchanged},
    }


def chunk_failed(exc: ApiError, *, applied: int, total: int) -> ApiError:
    """A chunk after the first failed (a server error, or an idempotency key reused with
    another body): the earlier chunks are committed, and the client is told how many."""
    if applied == 0:
        return exc
    message = f"{exc.message} ({applied} of {total} parts of this push were applied.)"
    details = {**exc.details, "chunksApplied": applied, "chunks": total}
    return ApiError(exc.status_code, exc.code, message, details, headers=exc.headers)
