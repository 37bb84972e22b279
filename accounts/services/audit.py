"""The audit trail: security-relevant actions, recorded once each (docs/operations.md).

Every app records through `audit_record` (the accounts face); admins of any app get their
additions, changes and deletions recorded by deriving from `AuditedAdminMixin`. People are
named by pseudonym only (`AuditPseudonym`): the event keeps no id, address or name, and erasing
an account erases its pseudonym's link, so the trail outlives the account without naming it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from accounts.models import AuditAction, AuditEvent, AuditPseudonym, User
from mirubato.telemetry.context import current_request_id

if TYPE_CHECKING:
    from django.http import HttpRequest

logger = logging.getLogger("accounts.audit")
USER_TARGET = "user"

# A user, or a pseudonym already read with `audit_pseudonym` (before an erasure).
Person = User | str | None


def audit_pseudonym(*, user: User) -> str:
    """The user's pseudonym in the trail, made on first use."""
    found = AuditPseudonym.objects.filter(user_id=user.pk).values_list("ref", flat=True).first()
    if found:
        return found
    try:
        with transaction.atomic(using="default"):
            return AuditPseudonym.objects.create(user_id=user.pk).ref
    except IntegrityError:  # made by a concurrent request a moment ago
        return AuditPseudonym.objects.values_list("ref", flat=True).get(user_id=user.pk)


def _ref(person: Person) -> str:
    if person is None:
        return ""
    return person if isinstance(person, str) else audit_pseudonym(user=person)


def audit_record(
    *,
    action: str,
    actor: Person = None,
    subject: Person = None,
    target_type: str = "",
    target_id: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Records one action by `actor` (None: nobody signed in). `subject` is the user acted
    on, stored by pseudonym; other targets are a model label and a row id. `detail` must hold
    no personal data (field names, counts, a method; never values a person typed)."""
    if subject is not None:
        target_type, target_id = USER_TARGET, _ref(subject)
    event = AuditEvent.objects.create(
        action=action,
        actor_ref=_ref(actor),
        actor_is_staff=bool(getattr(actor, "is_staff", False)),
        target_type=target_type,
        target_id=str(target_id)[:255],
        request_id=current_request_id(),
        detail=detail or {},
    )
    logger.info("audit: %s", action, extra={"audit_action": action, "target_type": target_type})
    return event


def audit_staff_action(
    *,
    request: HttpRequest,
    action: str,
    target_type: str = "",
    target_id: str = "",
    subject: Person = None,
    **detail: Any,
) -> AuditEvent:
    """An admin action of the signed-in staff member (an approval, a bulk action); `detail`
    is keyword arguments (counts, the action's name)."""
    return audit_record(
        action=action,
        actor=request.user,
        subject=subject,
        target_type=target_type,
        target_id=target_id,
        detail=detail,
    )


def _target(obj: Any) -> dict[str, Any]:
    if isinstance(obj, User):
        return {"subject": obj}
    return {"target_type": obj._meta.label_lower, "target_id": str(obj.pk)}


def _fields_changed(message: Any) -> list[str]:
    """The field names in the admin's change message (a list of {"changed": {"fields"}})."""
    names: list[str] = []
    for part in message if isinstance(message, list) else []:
        for kind in ("added", "changed", "deleted"):
            body = part.get(kind) if isinstance(part, dict) else None
            if isinstance(body, dict):
                prefix = f"{body['name']}: " if body.get("name") else ""
                names += [f"{prefix}{field}" for field in body.get("fields", [])]
                if not body.get("fields") and body.get("name"):
                    names.append(f"{body['name']} {kind}")
    return names


class AuditedAdminMixin:
    """For a ModelAdmin: every addition, change and deletion made through it is also an
    audit event (Django's own admin log stays as it is). Objects are named by model label and
    id, users by pseudonym; the change is named by field, never by value."""

    def audit_target(self, obj: Any) -> dict[str, Any]:
        """How the trail names `obj` (override where the id itself is sensitive)."""
        return _target(obj)

    def _audit(self, request: HttpRequest, action: str, obj: Any, detail: dict) -> None:
        if action == AuditAction.ADMIN_DELETE and isinstance(obj, User):
            return  # `user_delete` records an account's deletion, by whomever
        audit_record(action=action, actor=request.user, detail=detail, **self.audit_target(obj))

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._audit(request, AuditAction.ADMIN_ADD, obj, {})
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._audit(request, AuditAction.ADMIN_CHANGE, obj, {"fields": _fields_changed(message)})
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            self._audit(request, AuditAction.ADMIN_DELETE, obj, {})
        return entries


def on_password_sign_in(sender: Any, *, user: User, **kwargs: Any) -> None:
    """`user_logged_in`: a password sign-in to the admin (the API's sign-ins record themselves)."""
    audit_record(action=AuditAction.SIGN_IN, actor=user, detail={"method": "password"})


def on_password_sign_in_failed(sender: Any, **kwargs: Any) -> None:
    """`user_login_failed`: the address tried is personal data and is not kept."""
    audit_record(action=AuditAction.SIGN_IN_FAILED, detail={"method": "password"})
