"""Sign-in costs: a refresh-token rotation (JWT checks, row lock, session rewrite) and a
magic-link verification (conditional claim, user lookup, new login session, two JWTs), beside
a bare Django view through the same middleware."""

from __future__ import annotations

import itertools
import secrets
from datetime import timedelta

from django.test import Client

from bench.harness import Harness, timed


def _addresses():
    # A fresh client address per request, so the per-IP sign-in throttles stay out of the way.
    for n in itertools.count():
        yield f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def run(h: Harness) -> None:
    from django.utils import timezone

    from accounts.models import LoginToken, User
    from accounts.services import tokens_issue
    from accounts.services.magic_links import token_hash

    client, ips = Client(), _addresses()
    user, _ = User.objects.get_or_create(email="bench-accounts@example.com")
    state = {"refresh": tokens_issue(user=user).refresh_token}

    def refresh() -> None:
        response = client.post(
            "/api/auth/refresh",
            {"refreshToken": state["refresh"]},
            content_type="application/json",
            REMOTE_ADDR=next(ips),
        )
        assert response.status_code == 200, response.content
        state["refresh"] = response.json()["refreshToken"]

    rounds, number = 5, 100
    tokens = [secrets.token_urlsafe(32) for _ in range(rounds * number + 1)]
    expires = timezone.now() + timedelta(hours=1)
    LoginToken.objects.bulk_create(
        LoginToken(email=f"bench{i}@example.com", token_hash=token_hash(t), expires_at=expires)
        for i, t in enumerate(tokens)
    )
    pending = iter(tokens)

    def verify() -> None:
        response = client.post(
            "/api/auth/verify-magic-link",
            {"token": next(pending)},
            content_type="application/json",
            REMOTE_ADDR=next(ips),
        )
        assert response.status_code == 200, response.content

    refresh()
    verify()
    floor = timed(lambda: client.get("/livez"), repeat=rounds, number=200)
    h.report(
        "POST /api/auth/refresh (rotation)",
        timed(refresh, repeat=rounds, number=number),
        floor,
        "bare Django view /livez",
    )
    h.report(
        "POST /api/auth/verify-magic-link (new user)",
        timed(verify, repeat=rounds, number=number),
        floor,
        "bare Django view /livez",
    )
