"""Writes to the sync store. This face is what other apps may use (docs/architecture.md): the
service's own writes, and what an app that owns an entity type's rules registers (a cleaner:
dict in, dict out, `FieldError` naming the field) or checks as pushes do (device ids, a push
body's size and items).

It also opens the live channel (`sync/realtime`, docs/realtime.md) to another wire onto it, the
original web client's socket (`legacy.sync_api.realtime`): the same sign-in, connection slots,
frame and rate limits, timers, user group and in-order delivery as `/ws/sync`, never a copy."""

from sync.realtime.auth import authenticate
from sync.realtime.delivery import deliver
from sync.realtime.fanout import group_name, origin
from sync.realtime.limits import RateLimiter, check_frame_size, registry, too_many_connections
from sync.realtime.protocol import Close, RealtimeError
from sync.realtime.timers import Timers
from sync.services.bulk_import import IMPORT_DEVICE, change_check, entities_import
from sync.services.entities import entities_lock, entity_lock, entity_write
from sync.services.push import PushOutcome, push_request, sync_push
from sync.validation import (
    FieldError,
    device_id_clean,
    push_changes,
    push_size_check,
    register_cleaner,
)

__all__ = [
    "IMPORT_DEVICE",
    "Close",
    "FieldError",
    "PushOutcome",
    "RateLimiter",
    "RealtimeError",
    "Timers",
    "authenticate",
    "change_check",
    "check_frame_size",
    "deliver",
    "device_id_clean",
    "entities_import",
    "entities_lock",
    "entity_lock",
    "entity_write",
    "group_name",
    "origin",
    "push_changes",
    "push_request",
    "push_size_check",
    "register_cleaner",
    "registry",
    "sync_push",
    "too_many_connections",
]
