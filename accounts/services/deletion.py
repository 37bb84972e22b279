"""Account deletion: every registered part erases its rows, then the user row goes."""

from __future__ import annotations

import logging

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from accounts.models import AuditAction, User
from accounts.services.audit import audit_pseudonym, audit_record
from accounts.userdata import UserDataPart, registered_parts

logger = logging.getLogger("accounts.deletion")


def _erase_order(parts: list[UserDataPart]) -> list[UserDataPart]:
    # The accounts part (logins included) goes last: if another database fails half-way, the
    # user is still signed in and can simply retry the deletion.
    return sorted(parts, key=lambda part: part.name == "accounts")


def user_delete(*, user: User, actor: User | None = None) -> dict[str, dict[str, int]]:
    """Erases the user and every row about them in every database, revoking all their logins.

    Each part erases inside one transaction on its own database; databases cannot share a
    transaction, so a failure leaves the account in place and a retry finishes the job (every
    erase is idempotent). Returns the counts per part, for the log.

    The audit trail records the deletion by `actor` (staff in the admin; else the user
    themselves) under pseudonyms read before the erasure, which erases the user's own.
    """
    subject = audit_pseudonym(user=user)
    by: User | str = actor if actor is not None and actor.pk != user.pk else subject
    counts = {part.name: part.erase(user) for part in _erase_order(registered_parts())}
    with transaction.atomic(using="default"):
        # The admin's own log names its objects by their text (a user's address): entries
        # about this user go too. Cascades catch the rest on `default` (the user's own admin
        # log entries, M2M rows).
        counts["admin_log"] = _admin_log_about(user).delete()[0]
        _, cascaded = User.objects.filter(pk=user.pk).delete()
        audit_record(
            action=AuditAction.ACCOUNT_DELETE,
            actor=by,
            subject=subject,
            detail={"by_staff": by is not subject},
        )
    counts["cascade"] = cascaded
    logger.info("deleted account %s: %s", user.pk, counts)
    return counts


def _admin_log_about(user: User):
    content_type = ContentType.objects.get_for_model(User)
    return LogEntry.objects.filter(content_type=content_type, object_id=str(user.pk))
