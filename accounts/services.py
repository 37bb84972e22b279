"""Sign-in sessions: every login is a server-side session that its JWTs point at, so refresh
tokens can rotate and a logout or account deletion revokes them (allauth's JWT strategy)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from allauth.headless.tokens.strategies.jwt import internal as jwt_tokens
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

from accounts.models import User


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int


def _session_store() -> type[SessionBase]:
    return import_module(settings.SESSION_ENGINE).SessionStore


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
