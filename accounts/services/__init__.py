"""Writes of the accounts app: sign-in, sessions, profile, account deletion.

This face is what other apps may use (docs/architecture.md): the login services, the
user-data registry each app registers its export and erase part with, and `login_ended`.
"""

from accounts.services.deletion import user_delete
from accounts.services.sessions import (
    TokenPair,
    login_revoke,
    login_revoke_current,
    login_session_create,
    logins_revoke_all,
    tokens_issue,
    tokens_refresh,
)
from accounts.signals import login_ended
from accounts.userdata import ExportSections, UserDataPart
from accounts.userdata import register as userdata_register

__all__ = [
    "ExportSections",
    "TokenPair",
    "UserDataPart",
    "login_ended",
    "login_revoke",
    "login_revoke_current",
    "login_session_create",
    "logins_revoke_all",
    "tokens_issue",
    "tokens_refresh",
    "user_delete",
    "userdata_register",
]
