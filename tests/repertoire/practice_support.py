"""Helpers for the practice API's tests: a device's push and pull, and REST logs."""

from __future__ import annotations

from typing import Any

LOGS = "/api/practice/logs"
SESSIONS = "/api/practice/sessions"
TEMPLATES = "/api/practice/templates"


def log_body(**fields: Any) -> dict[str, Any]:
    """A REST practice log: the required fields, then `fields`."""
    return {"timestamp": "2025-03-03T18:00:00Z", "duration": 30, **fields}


def post_log(client, **fields: Any) -> dict[str, Any]:
    response = client.post(LOGS, log_body(**fields), format="json")
    assert response.status_code == 201, response.content
    return response.json()


def push(client, entity_type: str, data: dict[str, Any], **change: Any) -> dict[str, Any]:
    """A device's push of one entity; returns its result."""
    item = {"type": entity_type, "id": data["id"], "data": data, **change}
    response = client.post("/api/sync/push", {"changes": [item]}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["results"][0]


def pulled(client, entity_type: str) -> dict[str, dict[str, Any]]:
    """Every change a first sync pulls of one type, by id."""
    response = client.get("/api/sync/pull", {"types": entity_type})
    assert response.status_code == 200, response.content
    return {change["id"]: change for change in response.json()["changes"]}
