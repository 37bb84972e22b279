"""The accounts app's part of "everything about a user" (see accounts/userdata.py): the
profile, login sessions, magic-link tokens sent to the address, and allauth's rows (linked
social accounts, e-mail addresses). The user row itself is deleted last, by `user_delete`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.db import transaction
from django.db.models import Q

from accounts.models import AuditEvent, AuditPseudonym, LoginSession, LoginToken, User
from accounts.services.audit import USER_TARGET
from accounts.userdata import ExportSections, UserDataPart


def _profile(user: User) -> Iterable[dict[str, Any]]:
    yield {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "avatar_url": user.avatar_url,
        "primary_instrument": user.primary_instrument,
        "skill_level": user.skill_level,
        "auth_provider": user.auth_provider,
        "google_id": user.google_id,
        "is_staff": user.is_staff,
        "created_at": user.created_at,
        "updated_at": user.updated_at,
        "last_login": user.last_login,
    }


def accounts_export(user: User) -> ExportSections:
    # Session keys and token hashes are credentials, so only their dates leave the server.
    yield "profile", _profile(user)
    yield (
        "login_sessions",
        LoginSession.objects.filter(user=user)
        .order_by("created_at")
        .values("created_at", "expire_date")
        .iterator(),
    )
    yield (
        "login_tokens",
        LoginToken.objects.filter(email=user.email)
        .order_by("created_at")
        .values("created_at", "expires_at", "used_at")
        .iterator(),
    )
    yield (
        "social_accounts",
        SocialAccount.objects.filter(user=user)
        .order_by("pk")
        .values("provider", "uid", "date_joined", "last_login", "extra_data")
        .iterator(),
    )
    yield (
        "email_addresses",
        EmailAddress.objects.filter(user=user)
        .order_by("pk")
        .values("email", "verified", "primary")
        .iterator(),
    )
    yield "audit_events", _audit_events(user)


def _audit_events(user: User) -> Iterable[dict[str, Any]]:
    ref = AuditPseudonym.objects.filter(user=user).values_list("ref", flat=True).first()
    if not ref:
        return iter(())
    about = Q(actor_ref=ref) | Q(target_type=USER_TARGET, target_id=ref)
    rows = AuditEvent.objects.filter(about).order_by("at")
    return rows.values("at", "action", "target_type", "detail").iterator()


def accounts_erase(user: User) -> dict[str, int]:
    with transaction.atomic(using="default"):
        return {
            "login_sessions": LoginSession.objects.filter(user=user).delete()[0],
            "login_tokens": LoginToken.objects.filter(email=user.email).delete()[0],
            "socialaccount_socialaccount": SocialAccount.objects.filter(user=user).delete()[0],
            "account_emailaddress": EmailAddress.objects.filter(user=user).delete()[0],
            # The trail's events stay, under a pseudonym nothing links to anyone any more.
            "audit_pseudonyms": AuditPseudonym.objects.filter(user=user).delete()[0],
        }


ACCOUNTS_PART = UserDataPart(
    name="accounts", database="default", export=accounts_export, erase=accounts_erase
)
