from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import LoginSession, LoginToken
from accounts.services import tokens_issue

pytestmark = pytest.mark.django_db


def _cleanup(*args: str) -> str:
    out = io.StringIO()
    call_command("cleanup_auth", *args, stdout=out)
    return out.getvalue().strip()


def _token(name: str, expires_in: timedelta) -> LoginToken:
    return LoginToken.objects.create(
        email=f"{name}@example.com",
        token_hash=name.ljust(64, "0"),
        expires_at=timezone.now() + expires_in,
    )


@pytest.fixture
def stale_and_live(user):
    _token("expired", -timedelta(minutes=1))
    _token("expiredused", -timedelta(days=2)).__class__.objects.filter(
        email="expiredused@example.com"
    ).update(used_at=timezone.now() - timedelta(days=2))
    live_token = _token("live", timedelta(minutes=10))
    stale, live = tokens_issue(user=user), tokens_issue(user=user)
    stale_key = LoginSession.objects.order_by("created_at", "pk").first().pk
    LoginSession.objects.filter(pk=stale_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    return live_token, stale_key, (stale, live)


def test_it_deletes_expired_login_tokens_and_sessions_and_keeps_live_ones(stale_and_live):
    live_token, stale_key, _ = stale_and_live
    summary = _cleanup()
    assert summary == "cleanup_auth: deleted 2 expired login tokens, 1 expired login sessions"
    assert list(LoginToken.objects.all()) == [live_token]
    assert LoginSession.objects.count() == 1
    assert not LoginSession.objects.filter(pk=stale_key).exists()


def test_it_is_idempotent(stale_and_live):
    _cleanup()
    assert _cleanup() == "cleanup_auth: deleted 0 expired login tokens, 0 expired login sessions"
    assert LoginToken.objects.count() == 1 and LoginSession.objects.count() == 1


def test_dry_run_counts_and_deletes_nothing(stale_and_live):
    summary = _cleanup("--dry-run")
    assert summary == "cleanup_auth: would delete 2 expired login tokens, 1 expired login sessions"
    assert LoginToken.objects.count() == 3 and LoginSession.objects.count() == 2
