"""Cost of the shared API stack (JWT auth, camelCase orjson rendering, envelope middleware)
for a small authenticated read, beside a bare Django view through the same middleware."""

from __future__ import annotations

from django.test import Client

from bench.harness import Harness, timed


def run(h: Harness) -> None:
    from accounts.models import User
    from accounts.services import tokens_issue

    user, _ = User.objects.get_or_create(email="bench@example.com")
    token = tokens_issue(user=user).access_token
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get("/api/auth/me", **auth).status_code == 200
    assert client.get("/livez").status_code == 200

    figure = timed(lambda: client.get("/api/auth/me", **auth), repeat=5, number=200)
    floor = timed(lambda: client.get("/livez"), repeat=5, number=200)
    h.report("GET /api/auth/me (auth + render)", figure, floor, "bare Django view /livez")
