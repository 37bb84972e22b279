"""What a push may contain, item by item: the envelope, the limits, and each entity type's
known fields through the cleaner its owning app registered (`register_cleaner`). Unknown
fields are kept exactly. One bad item fails the whole push with a 400 naming its index and
field, before anything is written."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mirubato.api.errors import ApiError, PayloadTooLarge
from mirubato.api.fields import CommaList
from mirubato.api.inputs import ParamsSerializer
from sync.feed import canonical_json, checksum_of, cursor_sent
from sync.models import DEVICE_ID_LENGTH, ENTITY_TYPES

_PRINTABLE_ID = re.compile(r"^[^\x00-\x1f\x7f]{1,255}$")


class FieldError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Change:
    """One validated push item. `data` is what will be stored (None for a delete)."""

    index: int
    type: str
    id: str
    data: dict[str, Any] | None
    deleted: bool
    base_version: int | None
    checksum: str


# Entity types with known fields, registered by the apps that own their rules; the others are
# stored as the client's object. The engine itself knows no entity's schema.
CLEANERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def register_cleaner(kind: str, cleaner: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    """Lets the app that owns an entity type's rules (repertoire: logbook entries, preferences)
    hold pushed entities to the same rule as its own endpoint: one piece of code per rule."""
    CLEANERS[kind] = cleaner


# --- Push envelope ---------------------------------------------------------------------------


def _invalid(index: int, field: str, message: str) -> ApiError:
    name = f"changes[{index}].{field}" if field else f"changes[{index}]"
    return ApiError(
        400,
        "invalid",
        f"Change {index} is invalid: {name}: {message}",
        {"index": index, "field": field, "errors": {name: [message]}},
    )


def _base_version(item: dict[str, Any], index: int) -> int | None:
    value = item.get("base_version")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _invalid(index, "baseVersion", "Must be a whole number, 0 or more.")
    return value


def _is_delete(item: dict[str, Any], data: Any, index: int) -> bool:
    deleted = item.get("deleted", False)
    if not isinstance(deleted, bool):
        raise _invalid(index, "deleted", "Must be true or false.")
    # The original clients mark a delete as `data: {id, deletedAt}`: honour it, never store it.
    return deleted or (isinstance(data, dict) and bool(data.get("deletedAt")))


def _stored_data(kind: str, entity_id: str, data: Any, index: int) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _invalid(index, "data", "Required: the entity as a JSON object.")
    if "id" in data and data["id"] != entity_id:
        raise _invalid(index, "data.id", "Must equal the change's id.")
    cleaner = CLEANERS.get(kind)
    if cleaner is None:
        return data
    try:
        return cleaner(data)
    except FieldError as exc:
        raise _invalid(index, f"data.{exc.field}", exc.message) from None


def entity_checksum(data: dict[str, Any], *, index: int | None = None) -> str:
    """Checksum of stored data, enforcing the per-entity size limit and what every database
    can store (PostgreSQL's jsonb refuses the NUL character)."""
    canonical = canonical_json(data)
    if len(canonical) > settings.SYNC_MAX_ENTITY_BYTES:
        where = {} if index is None else {"index": index}
        raise PayloadTooLarge(
            "An entity is larger than the limit.", limit=settings.SYNC_MAX_ENTITY_BYTES, **where
        )
    if b"\\u0000" in canonical:
        field = "data" if index is None else f"changes[{index}].data"
        raise ApiError(400, "invalid", "Text may not contain the NUL character.", {field: []})
    return checksum_of(canonical)


def _change(item: Any, index: int) -> Change:
    if not isinstance(item, dict):
        raise _invalid(index, "", "Must be an object.")
    kind, entity_id, data = item.get("type"), item.get("id"), item.get("data")
    if kind not in ENTITY_TYPES:
        raise _invalid(index, "type", f"Must be one of: {', '.join(ENTITY_TYPES)}.")
    if not isinstance(entity_id, str) or not _PRINTABLE_ID.match(entity_id):
        raise _invalid(index, "id", "Required: 1 to 255 printable characters.")
    base_version = _base_version(item, index)
    if data is not None and not isinstance(data, dict):
        raise _invalid(index, "data", "Must be a JSON object.")
    if _is_delete(item, data, index):
        return Change(index, kind, entity_id, data, True, base_version, "")
    stored = _stored_data(kind, entity_id, data, index)
    checksum = entity_checksum(stored, index=index)
    return Change(index, kind, entity_id, stored, False, base_version, checksum)


def push_size_check(*, body_bytes: int) -> None:
    """413 for a push body larger than SYNC_MAX_PUSH_BYTES, whichever transport carried it."""
    limit = settings.SYNC_MAX_PUSH_BYTES
    if body_bytes > limit:
        raise PayloadTooLarge(f"A push may carry at most {limit} bytes.", limit=limit)


def push_changes(body: Any) -> list[Change]:
    """The validated changes of a push body (snake_case envelope, `data` as sent)."""
    if not isinstance(body, dict) or not isinstance(body.get("changes"), list):
        raise ApiError(400, "invalid", "The body needs `changes`, a list.", {"changes": []})
    items = body["changes"]
    if len(items) > settings.SYNC_MAX_CHANGES:
        raise PayloadTooLarge(
            "Too many changes in one push; split it.",
            limit=settings.SYNC_MAX_CHANGES,
            unit="changes",
            count=len(items),
        )
    return [_change(item, index) for index, item in enumerate(items)]


def _printable(raw: Any, *, field: str, limit: int, message: str) -> str:
    """A header-like text value: absent is "", otherwise a printable string up to `limit`."""
    if raw is not None and not isinstance(raw, str):
        raise ApiError(400, "invalid", "Must be a string.", {field: []})
    value = (raw or "").strip()
    if len(value) > limit or not value.isprintable():
        raise ApiError(400, "invalid", message)
    return value


def device_id_clean(raw: Any) -> str:
    return _printable(
        raw,
        field="device_id",
        limit=DEVICE_ID_LENGTH,
        message="X-Device-ID must be at most 128 printable characters.",
    )


def idempotency_key_clean(raw: Any) -> str:
    return _printable(
        raw,
        field="idempotency_key",
        limit=255,
        message="Idempotency-Key must be at most 255 printable characters.",
    )


# --- Pull parameters -------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.STR)
class CursorField(serializers.Field):
    """A cursor as a client sent it: absent or empty is None; anything but a string is a 400
    `invalid_cursor` (its contents are checked when the feed is read)."""

    def to_internal_value(self, data: Any) -> str | None:
        return cursor_sent(data)


class PullParams(ParamsSerializer):
    """A pull as a client asks for it, by REST (`GET /api/sync/pull` query parameters) or
    WebSocket (`SYNC_REQUEST` fields): the same checks for both transports. The context's
    `default_limit` is the transport's page size when `limit` is absent."""

    since = CursorField(required=False, help_text="A cursor; omit for the live state.")
    limit = serializers.IntegerField(
        required=False, help_text="Changes per page (1 to SYNC_PULL_MAX_LIMIT, default 500)."
    )
    types = CommaList(
        choices=ENTITY_TYPES, allow_empty=False, help_text="Comma-separated entity types."
    )

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        # An empty value is an absent one, whichever transport carried it.
        present = {key: data[key] for key in self.fields if data.get(key) not in (None, "")}
        return super().to_internal_value(present)

    def validate_limit(self, value: int) -> int:
        top = settings.SYNC_PULL_MAX_LIMIT
        if not 1 <= value <= top:
            raise serializers.ValidationError(f"Must be a whole number from 1 to {top}.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        default = self.context.get("default_limit") or settings.SYNC_PULL_DEFAULT_LIMIT
        return {
            "since": attrs.get("since"),
            "limit": attrs.get("limit", default),
            "types": attrs.get("types"),
        }
