"""Writes of the accounts app: sign-in, sessions, profile, account deletion.

This face is what other apps may use (docs/architecture.md): the sign-in and login services,
the user-data registry each app registers its export and erase part with, `login_ended`, the
account export, and the audit trail (`audit_record`, `audit_staff_action`, `AuditAction`, and
`AuditedAdminMixin` for any app's admin).
"""

from accounts.models import AuditAction
from accounts.services.audit import AuditedAdminMixin, audit_record, audit_staff_action
from accounts.services.bulk_import import UserRecord, user_import
from accounts.services.deletion import user_delete
from accounts.services.google import google_sign_in
from accounts.services.magic_links import magic_link_request, magic_link_verify
from accounts.services.sessions import (
    TokenPair,
    login_revoke,
    login_revoke_current,
    login_session_create,
    logins_revoke_all,
    tokens_issue,
    tokens_refresh,
)
from accounts.services.users import user_export
from accounts.signals import login_ended
from accounts.userdata import ExportSections, UserDataPart
from accounts.userdata import register as userdata_register

__all__ = [
    "AuditAction",
    "AuditedAdminMixin",
    "ExportSections",
    "TokenPair",
    "UserDataPart",
    "UserRecord",
    "audit_record",
    "audit_staff_action",
    "google_sign_in",
    "login_ended",
    "login_revoke",
    "login_revoke_current",
    "login_session_create",
    "logins_revoke_all",
    "magic_link_request",
    "magic_link_verify",
    "tokens_issue",
    "tokens_refresh",
    "user_delete",
    "user_export",
    "user_import",
    "userdata_register",
]
