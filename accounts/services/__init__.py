"""Writes of the accounts app: sign-in, sessions, profile, account deletion."""

from accounts.services.sessions import (
    TokenPair,
    login_revoke,
    login_revoke_current,
    login_session_create,
    logins_revoke_all,
    tokens_issue,
    tokens_refresh,
)

__all__ = [
    "TokenPair",
    "login_revoke",
    "login_revoke_current",
    "login_session_create",
    "logins_revoke_all",
    "tokens_issue",
    "tokens_refresh",
]
