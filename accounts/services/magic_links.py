"""Magic links: a random token mailed to an address, stored only as a hash, valid for
MAGIC_LINK_MINUTES, and good for exactly one sign-in."""

from __future__ import annotations

import hashlib
import logging
import secrets
import smtplib
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from accounts.models import AuditAction, LoginToken, User, normalize_email
from accounts.services.audit import audit_record
from accounts.services.sessions import TokenPair, tokens_issue
from accounts.services.users import user_sign_in
from mirubato.api.errors import ApiError, ServiceUnavailable

logger = logging.getLogger("accounts.magic_links")

SUBJECT = "Sign in to Mirubato"
BODY = """Hello,

Use this link to sign in to Mirubato. It works once and expires in {minutes} minutes:

{link}

Or paste this code into the app: {token}

If you did not ask to sign in, ignore this message; nothing happens without the link.
"""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def magic_link_url(token: str) -> str:
    """The one-click link. Built from settings.FRONTEND_URL only: a request header (Origin,
    Host) must never decide where a sign-in link points."""
    return f"{settings.FRONTEND_URL}/auth/verify?{urlencode({'token': token})}"


def magic_link_request(*, email: str) -> None:
    """Mails a sign-in link to `email`, known or not: the first sign-in creates the account,
    and the caller learns nothing about which addresses have one."""
    email = normalize_email(email)
    token = secrets.token_urlsafe(32)
    minutes = settings.MAGIC_LINK_MINUTES
    LoginToken.objects.create(
        email=email,
        token_hash=token_hash(token),
        expires_at=timezone.now() + timedelta(minutes=minutes),
    )
    body = BODY.format(minutes=minutes, link=magic_link_url(token), token=token)
    try:
        send_mail(SUBJECT, body, None, [email])
    except (smtplib.SMTPException, OSError) as exc:
        logger.error("could not send the sign-in mail: %s", exc)
        raise ServiceUnavailable("The sign-in mail could not be sent; please retry.") from exc


def magic_link_verify(*, token: str) -> tuple[User, TokenPair]:
    """Signs in with a magic-link token: once, before it expires, as the address it was sent to.

    The token is claimed with a conditional UPDATE (unused and unexpired → used), so of two
    concurrent verifications exactly one succeeds.
    """
    digest, now = token_hash(token), timezone.now()
    with transaction.atomic():
        claimed = LoginToken.objects.filter(
            token_hash=digest, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        if claimed != 1:
            raise ApiError(
                401,
                "invalid_token",
                "This sign-in link is invalid, expired or already used; ask for a new one.",
            )
        email = LoginToken.objects.values_list("email", flat=True).get(token_hash=digest)
        user = user_sign_in(email=email, provider=User.AuthProvider.MAGIC_LINK)
        tokens = tokens_issue(user=user)
        audit_record(action=AuditAction.SIGN_IN, actor=user, detail={"method": "magic_link"})
        return user, tokens
