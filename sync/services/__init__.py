"""Writes to the sync store. This face is what other apps may use (docs/architecture.md): the
service's own writes, and what an app that owns an entity type's rules registers (a cleaner:
dict in, dict out, `FieldError` naming the field) or checks as pushes do (device ids)."""

from sync.services.entities import entities_lock, entity_write
from sync.services.push import PushOutcome, push_request, sync_push
from sync.validation import FieldError, device_id_clean, register_cleaner

__all__ = [
    "FieldError",
    "PushOutcome",
    "device_id_clean",
    "entities_lock",
    "entity_write",
    "push_request",
    "register_cleaner",
    "sync_push",
]
