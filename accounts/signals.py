"""Signals other apps subscribe to (through `accounts.services`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import Signal

# Sent once a login (a `login_sessions` row) is gone for good: logout, revocation, reuse of a
# refresh token, expiry cleanup or account deletion. Kwargs: `user_id: str`. Sent after the
# commit, never for a rollback.
login_ended = Signal()


def on_login_deleted(sender: Any, *, instance: Any, using: str, **kwargs: Any) -> None:
    """post_delete of LoginSession, however the row went (one delete, a queryset, a cascade)."""
    if instance.user_id is not None:
        user_id = str(instance.user_id)
        transaction.on_commit(
            lambda: login_ended.send(sender=type(instance), user_id=user_id), using=using
        )
