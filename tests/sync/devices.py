"""A simulated offline-first device: a local store, an outbox, a cursor, and sync through the
API exactly as a client would (push with an idempotency key, apply answers, pull by cursor)."""

from __future__ import annotations

import itertools
from typing import Any

from tests.sync.client import pull_all, push

_keys = itertools.count()


class Device:
    def __init__(self, name: str, client) -> None:
        self.name, self.client = name, client
        self.store: dict[tuple[str, str], dict[str, Any]] = {}
        self.outbox: list[dict[str, Any]] = []
        self.cursor: str | None = None

    # --- offline edits -------------------------------------------------------------------
    def save(self, kind: str, entity_id: str, data: dict[str, Any]) -> None:
        local = self.store.get((kind, entity_id))
        change = {"type": kind, "id": entity_id, "data": data}
        if local:
            change["baseVersion"] = local["version"]
        self.store[(kind, entity_id)] = {"data": data, "version": local and local["version"]}
        self.outbox.append(change)

    def delete(self, kind: str, entity_id: str, deleted_at: str) -> None:
        local = self.store.pop((kind, entity_id))
        self.outbox.append(
            {
                "type": kind,
                "id": entity_id,
                "deleted": True,
                "data": {"deletedAt": deleted_at},
                "baseVersion": local["version"],
            }
        )

    # --- sync ----------------------------------------------------------------------------
    def sync(self, *, lose_first_answer: bool = False) -> None:
        if self.outbox:
            key = f"{self.name}-{next(_keys)}"
            if lose_first_answer:
                assert push(self.client, self.outbox, key=key, device=self.name).status_code == 200
            response = push(self.client, self.outbox, key=key, device=self.name)
            assert response.status_code == 200, response.content
            assert (response.headers.get("Idempotent-Replay") == "true") == lose_first_answer
            self._apply_push_answer(response.json())
            self.outbox = []
        changes, self.cursor = pull_all(self.client, self.cursor, limit=2)
        for item in changes:
            self._apply_remote(item)

    def _apply_push_answer(self, body: dict[str, Any]) -> None:
        for result in body["results"]:
            local = self.store.get((result["type"], result["id"]))
            if local is not None:
                local["version"] = result["version"]
        for conflict in body["conflicts"]:
            if conflict["resolution"] == "server_wins":
                self._apply_remote(
                    {
                        "type": conflict["type"],
                        "id": conflict["id"],
                        "data": conflict["serverData"],
                        "deleted": conflict["serverDeleted"],
                        "version": conflict["serverVersion"],
                    }
                )

    def _apply_remote(self, item: dict[str, Any]) -> None:
        key = (item["type"], item["id"])
        if item["deleted"]:
            self.store.pop(key, None)
        else:
            self.store[key] = {"data": item["data"], "version": item["version"]}

    def state(self) -> dict[tuple[str, str], tuple[dict, int]]:
        return {key: (value["data"], value["version"]) for key, value in self.store.items()}
