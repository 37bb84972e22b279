"""Drives the sync API like a client does (push, pull following the cursor)."""

from __future__ import annotations

import base64
from typing import Any

from rest_framework.test import APIClient


def push(
    client: APIClient,
    changes: list[dict[str, Any]],
    *,
    key: str | None = None,
    device: str | None = None,
    cursor: str | None = None,
    header: str = "Idempotency-Key",
):
    headers = {}
    if key is not None:
        headers[header] = key
    if device is not None:
        headers["X-Device-ID"] = device
    body: dict[str, Any] = {"changes": changes}
    if cursor is not None:
        body["cursor"] = cursor
    return client.post("/api/sync/push", body, format="json", headers=headers)


def pull(client: APIClient, since: str | None = None, **params: Any):
    query = {k: v for k, v in {"since": since, **params}.items() if v is not None}
    return client.get("/api/sync/pull", query)


def pull_all(client: APIClient, since: str | None = None, **params: Any) -> tuple[list, str]:
    """Every page after `since`; returns (changes, final cursor)."""
    changes: list[dict[str, Any]] = []
    while True:
        response = pull(client, since, **params)
        assert response.status_code == 200, response.content
        body = response.json()
        changes += body["changes"]
        since = body["cursor"]
        if not body["hasMore"]:
            return changes, since


def change(kind: str, entity_id: str, data: dict | None = None, **extra: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"type": kind, "id": entity_id, **extra}
    if data is not None:
        item["data"] = data
    return item


def position(cursor: str) -> tuple[str, ...]:
    """A cursor's fields without the second it was issued (sync.feed.Cursor.encode): two
    cursors for the same feed position, encoded a second apart, differ only there."""
    fields = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split(":")
    return (*fields[:2], *fields[3:])
