"""Helpers for the accounts tests: reading mailed links and signing in through the API."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.core import mail
from django.db import connections

TOKEN_IN_LINK = re.compile(r"/auth/verify\?token=([A-Za-z0-9_\-]+)")


def token_from_text(text: str) -> str:
    match = TOKEN_IN_LINK.search(text)
    assert match, f"no sign-in link in: {text!r}"
    return match.group(1)


def last_mailed_token(to: str | None = None) -> str:
    message = mail.outbox[-1]
    if to is not None:
        assert message.to == [to.strip().lower()]
    return token_from_text(message.body)


def run_concurrently(fn: Callable[[], Any], times: int = 2) -> list[Any]:
    """Runs `fn` on `times` threads released together; returns results or exceptions."""
    barrier = threading.Barrier(times)

    def worker() -> Any:
        try:
            barrier.wait(timeout=10)
            return fn()
        except Exception as exc:  # the caller asserts on what each thread got
            return exc
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=times) as pool:
        return [f.result() for f in [pool.submit(worker) for _ in range(times)]]


@pytest.fixture
def sign_in(api_client):
    """Signs `email` in through the API (request a link, read the mail, verify)."""

    def sign_in(email: str) -> dict[str, Any]:
        response = api_client.post("/api/auth/request-magic-link", {"email": email})
        assert response.status_code == 200, response.content
        response = api_client.post(
            "/api/auth/verify-magic-link", {"token": last_mailed_token(email)}
        )
        assert response.status_code == 200, response.content
        return response.json()

    return sign_in


def bearer(access_token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {access_token}"}


@pytest.fixture
def user_data_registry(monkeypatch):
    """A copy of the user-data registry that tests may add parts to, restored afterwards."""
    from accounts import userdata

    parts = dict(userdata._parts)
    monkeypatch.setattr(userdata, "_parts", parts)
    return parts
