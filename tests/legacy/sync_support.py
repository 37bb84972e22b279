"""The original web client's sync calls and entities, as it sends them
(the client's calls §5.4, §11)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from channels.db import database_sync_to_async
from rest_framework.test import APIClient

from sync.models import SyncData
from tests.sync.realtime_support import communicator, receive, token_for

PULL, PUSH = "/legacy/api/sync/pull", "/legacy/api/sync/push"


def legacy_push(
    client: APIClient,
    changes: dict[str, list[Any]],
    *,
    key: str | None = None,
    device: str | None = "dev_testdevice00001",
):
    headers = {}
    if key is not None:
        headers["X-Idempotency-Key"] = key
    if device is not None:
        headers["X-Device-ID"] = device
    return client.post(PUSH, {"changes": changes}, format="json", headers=headers)


def legacy_pull(client: APIClient, body: dict[str, Any] | None = None):
    if body is None:  # the client's first pull sends no body at all
        return client.post(PULL)
    return client.post(PULL, body, format="json")


def entry(entry_id: str, **fields: Any) -> dict[str, Any]:
    """A logbook entry as ManualEntryForm creates it."""
    return {
        "id": entry_id,
        "timestamp": "2025-03-01T18:30:00.000Z",
        "duration": 30,
        "type": "practice",
        "instrument": "piano",
        "pieces": [{"title": "Clair de Lune", "composer": "Claude Debussy", "measures": None}],
        "techniques": [],
        "goalIds": [],
        "tags": [],
        "notes": "slow practice",
        "mood": None,
        "metadata": {"source": "manual"},
        "createdAt": "2025-03-01T18:31:02.123Z",
        "updatedAt": "2025-03-01T18:31:02.123Z",
        **fields,
    }


def deleted(entity_id: str) -> dict[str, Any]:
    return {"id": entity_id, "deletedAt": "2025-03-02T09:00:00.000Z"}


def plan(plan_id: str, **fields: Any) -> dict[str, Any]:
    schedule = {"kind": "single", "durationMinutes": 30, "startDate": "2025-03-02"}
    return {
        "id": plan_id,
        "title": "Scales every day",
        "type": "custom",
        "schedule": schedule,
        "visibility": "private",
        "status": "active",
        "createdAt": "2025-03-01T10:00:00.000Z",
        "updatedAt": "2025-03-01T10:00:00.000Z",
        **fields,
    }


def occurrence(occurrence_id: str, plan_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": occurrence_id,
        "planId": plan_id,
        "scheduledStart": "2025-03-02T18:00:00.000Z",
        "segments": [{"id": f"{occurrence_id}_segment_1", "label": "Scales"}],
        "status": "scheduled",
        "updatedAt": "2025-03-01T10:00:00.000Z",
        **fields,
    }


def template(template_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": template_id,
        "authorId": "",
        "title": "Scale bootcamp",
        "visibility": "private",
        "adoptionCount": 0,
        **fields,
    }


def goal(goal_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": goal_id, "title": "Learn the nocturne", "status": "active", **fields}


def stored(user) -> dict[tuple[str, str], tuple[Any, int, int, bool]]:
    """(type, id) → (data, version, seq, deleted) of everything stored for the user."""
    rows = SyncData.objects.filter(user=user)
    return {
        (row.entity_type, row.entity_id): (row.data, row.version, row.seq, row.is_deleted)
        for row in rows
    }


# --- the socket ----------------------------------------------------------------------------


def socket_path(user_id: str, token: str) -> str:
    return f"/sync/ws?userId={quote(user_id)}&token={quote(token)}"


async def legacy_socket(user, token: str | None = None, **kwargs: Any):
    """The client's socket for `user` (a login of its own unless `token`), its WELCOME read."""
    token = token or await database_sync_to_async(token_for)(user)
    comm = communicator(path=socket_path(str(user.pk), token), **kwargs)
    ok, _ = await comm.connect()
    assert ok, "the legacy handshake was refused"
    welcome = await receive(comm)
    assert welcome["type"] == "WELCOME", welcome
    return comm


async def handshake(path: str, **kwargs: Any) -> bool:
    """Whether the server accepts a handshake on `path` (a refusal closes before accept)."""
    comm = communicator(path=path, **kwargs)
    ok, _ = await comm.connect()
    return ok
