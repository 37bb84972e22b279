"""Users moving in from another deployment (`manage.py import_mirubato`): matched by address,
created with their original id when it fits, never overwritten, never made staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User, normalize_email
from mirubato.ids import ID_LENGTH, new_id

DISPLAY_NAME_LENGTH = 100


@dataclass(frozen=True)
class UserRecord:
    """A user as the other deployment knew them; `email` is already a checked address."""

    email: str
    original_id: str = ""
    display_name: str = ""
    auth_provider: str = User.AuthProvider.MAGIC_LINK
    google_id: str | None = None
    created_at: datetime | None = None


def _id_for(original_id: str) -> str:
    """The original id when our id column holds it and no one has it, else a new one."""
    fits = 0 < len(original_id) <= ID_LENGTH and original_id.isprintable()
    if fits and not User.objects.filter(pk=original_id).exists():
        return original_id
    return new_id()


def _google_id_free(google_id: str | None, *, owner: str = "") -> str | None:
    if not google_id or User.objects.filter(google_id=google_id).exclude(pk=owner).exists():
        return None
    return google_id


def _provider(value: str) -> str:
    return value if value in User.AuthProvider.values else User.AuthProvider.MAGIC_LINK


def _create(record: UserRecord, email: str, *, dry_run: bool) -> str:
    user = User(
        id=_id_for(record.original_id),
        email=email,
        # Sign-in keeps the first 100 characters of a name (accounts.services.users).
        display_name=record.display_name[:DISPLAY_NAME_LENGTH],
        auth_provider=_provider(record.auth_provider),
        google_id=_google_id_free(record.google_id),
        password=make_password(None),
        created_at=record.created_at or timezone.now(),
    )
    if not dry_run:
        user.save(force_insert=True)
    return user.pk


def _fill_blanks(user: User, record: UserRecord) -> list[str]:
    """Only what the user here has not set: a display name, a Google id no one holds."""
    changed = []
    if not user.display_name and record.display_name:
        user.display_name = record.display_name[:DISPLAY_NAME_LENGTH]
        changed.append("display_name")
    if not user.google_id and (google_id := _google_id_free(record.google_id, owner=user.pk)):
        user.google_id = google_id
        changed.append("google_id")
    return changed


def user_import(*, record: UserRecord, dry_run: bool = False) -> tuple[str, str]:
    """(our user id, status). An address already here is that user and keeps everything they
    set; only a blank display name or a missing Google id is filled in ("updated", else
    "unchanged"). A new user ("created") keeps the original id when it fits and is free, and
    signs in passwordless like everyone; a Google id another user holds is dropped. Roles do
    not come along: staff status is only ever granted here."""
    email = normalize_email(record.email)
    with transaction.atomic(using="default"):
        user = User.objects.filter(email=email).first()
        if user is None:
            return _create(record, email, dry_run=dry_run), "created"
        changed = _fill_blanks(user, record)
        if changed and not dry_run:
            user.save(update_fields=[*changed, "updated_at"])
    return user.pk, "updated" if changed else "unchanged"
