"""Sign-in sessions: every login is a server-side session (a `LoginSession` row) that its JWTs
point at, so refresh tokens rotate and a logout, a detected reuse or an account deletion
revokes them at once. allauth's JWT strategy mints, validates and rotates the tokens; this
module adds what it leaves to the project: reuse detection and revocation."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from allauth.headless.tokens.strategies.jwt import JWTTokenStrategy
from allauth.headless.tokens.strategies.jwt import internal as jwt_tokens
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.utils import timezone

from accounts.models import AuditAction, LoginSession, User
from accounts.services.audit import audit_record
from mirubato.api.errors import ApiError

logger = logging.getLogger("accounts.sessions")


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int


def _session_store() -> type[SessionBase]:
    return import_module(settings.SESSION_ENGINE).SessionStore


def invalid_refresh_token(code: str = "invalid_refresh_token") -> ApiError:
    return ApiError(
        401,
        code,
        "The refresh token is invalid, expired or revoked; sign in again.",
        headers={"WWW-Authenticate": "Bearer"},
    )


def login_session_create(*, user: User) -> SessionBase:
    """A new login for `user`: the session every token of this login is bound to."""
    session = _session_store()()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session


def tokens_issue(*, user: User) -> TokenPair:
    """Starts a login and returns its first access and refresh tokens."""
    session = login_session_create(user=user)
    access = jwt_tokens.create_access_token(user, session, claims={})
    refresh = jwt_tokens.create_refresh_token(user, session)
    session.save()  # the refresh token's id is recorded in the session
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    return TokenPair(access, refresh, settings.HEADLESS_JWT_ACCESS_TOKEN_EXPIRES_IN)


def tokens_refresh(*, refresh_token: str) -> TokenPair:
    """Rotates a refresh token: new access and refresh tokens, the old refresh token dead.

    A validly signed refresh token of a live login whose id was already rotated away is a
    reuse: someone holds a copy. The whole login (every token descending from that sign-in)
    is revoked, and the caller gets a 401 like any other bad token.
    """
    payload = jwt_tokens.decode_token(refresh_token, "refresh")
    session_key = jwt_tokens.session_key_from_sid(payload["sid"]) if payload else None
    if not session_key:
        raise invalid_refresh_token()
    with transaction.atomic():
        # The row lock serialises two refreshes of one login (SQLite's BEGIN IMMEDIATE does
        # the same), so exactly one of two concurrent uses of a token wins.
        if not LoginSession.objects.select_for_update().filter(pk=session_key).exists():
            raise invalid_refresh_token()
        tokens = JWTTokenStrategy().refresh_token(refresh_token)
        if tokens is None and _is_reuse(session_key, payload):
            logger.warning("refresh token reused; revoking login of user %s", payload["sub"])
            login_revoke(session_key=session_key)
            audit_record(action=AuditAction.REFRESH_TOKEN_REUSE, actor=_user(payload["sub"]))
    # Raised once the block has committed, so a revocation for reuse is kept.
    if tokens is None:
        raise invalid_refresh_token()
    return TokenPair(tokens[0], tokens[1], settings.HEADLESS_JWT_ACCESS_TOKEN_EXPIRES_IN)


def _is_reuse(session_key: str, payload: dict[str, Any]) -> bool:
    """The login is live and its owner signed the token, but the token's id was rotated."""
    session = _session_store()(session_key)
    live_ids = jwt_tokens.get_refresh_token_state(session)
    owner = session.get(SESSION_KEY)
    return owner is not None and owner == payload["sub"] and payload["jti"] not in live_ids


def login_revoke(*, session_key: str) -> int:
    """Ends one login: its access and refresh tokens stop working at once."""
    deleted, _ = LoginSession.objects.filter(pk=session_key).delete()
    return deleted


def login_revoke_current(*, token_payload: dict[str, Any]) -> int:
    """Ends the login an access token belongs to (logout)."""
    session_key = jwt_tokens.session_key_from_sid(token_payload.get("sid", ""))
    ended = login_revoke(session_key=session_key) if session_key else 0
    audit_record(action=AuditAction.LOGOUT, actor=_user(token_payload.get("sub")))
    return ended


def _user(user_id: Any) -> User | None:
    return User.objects.filter(pk=str(user_id)).first() if user_id else None


def logins_revoke_all(*, user: User) -> int:
    """Ends every login of `user`, on every device."""
    deleted, _ = LoginSession.objects.filter(user=user).delete()
    return deleted
