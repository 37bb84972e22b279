"""Account deletion: every registered part erases its rows, then the user row goes."""

from __future__ import annotations

import logging

from django.db import transaction

from accounts.models import User
from accounts.userdata import UserDataPart, registered_parts

logger = logging.getLogger("accounts.deletion")


def _erase_order(parts: list[UserDataPart]) -> list[UserDataPart]:
    # The accounts part (logins included) goes last: if another database fails half-way, the
    # user is still signed in and can simply retry the deletion.
    return sorted(parts, key=lambda part: part.name == "accounts")


def user_delete(*, user: User) -> dict[str, dict[str, int]]:
    """Erases the user and every row about them in every database, revoking all their logins.

    Each part erases inside one transaction on its own database; databases cannot share a
    transaction, so a failure leaves the account in place and a retry finishes the job (every
    erase is idempotent). Returns the counts per part, for the log.
    """
    counts = {part.name: part.erase(user) for part in _erase_order(registered_parts())}
    with transaction.atomic(using="default"):
        # Cascades catch rows on `default` that no part names (admin log entries, M2M rows).
        _, cascaded = User.objects.filter(pk=user.pk).delete()
    counts["cascade"] = cascaded
    logger.info("deleted account %s: %s", user.pk, counts)
    return counts
