"""Users: created on first sign-in, updated by the method they sign in with, edited by
themselves."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import AuditAction, User, normalize_email
from accounts.selectors import user_export_chunks
from accounts.services.audit import audit_record
from mirubato.api.errors import ApiError


def user_sign_in(
    *, email: str, provider: str, google_id: str | None = None, display_name: str = ""
) -> User:
    """The user a verified address (or Google account) signs in as, created on first sign-in.

    A Google account is found by its id first, then by its verified address (linking it to an
    existing magic-link account). `auth_provider` records the method used last, as the
    original does; a name the user chose is never overwritten.
    """
    email = normalize_email(email)
    with transaction.atomic():
        user = User.objects.filter(google_id=google_id).first() if google_id else None
        if user is None:
            user, _ = User.objects.get_or_create(
                email=email,
                defaults={"password": make_password(None), "display_name": display_name[:100]},
            )
        if not user.is_active:
            raise ApiError(403, "account_disabled", "This account has been disabled.")
        user.auth_provider = provider
        user.google_id = google_id or user.google_id
        user.display_name = user.display_name or display_name[:100]
        user.save(update_fields=["auth_provider", "google_id", "display_name", "updated_at"])
    return user


PROFILE_FIELDS = ("display_name", "avatar_url", "primary_instrument", "skill_level")


def user_update(*, user: User, **changes: str | None) -> User:
    """Changes what a user edits of their profile (`PROFILE_FIELDS`; the serializers check
    the values). None clears a field."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not profile fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(user, name, value or "")
    user.save(update_fields=[*changes, "updated_at"])
    return user


def user_export(*, user: User) -> Iterator[bytes]:
    """Everything held about `user` as one streamed JSON document (`user_export_chunks`),
    the export recorded in the audit trail first."""
    audit_record(action=AuditAction.ACCOUNT_EXPORT, actor=user)
    return user_export_chunks(user=user)
