"""Users: created on first sign-in, updated by the method they sign in with, edited by
themselves."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import User, normalize_email
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


def user_update(*, user: User, display_name: str) -> User:
    """Changes what a user chose to be called (the serializer validates the length)."""
    user.display_name = display_name
    user.save(update_fields=["display_name", "updated_at"])
    return user
