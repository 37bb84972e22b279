"""Who an access token speaks for, in one query.

allauth's stateful validation (`validate_access_token`) loads the login session, decodes it,
then loads the user: two queries and two model loads on every authenticated request. Here the
session row and its user come back from one join (raw SQL: building it through the ORM
cost more than running it), and the checks Django's `get_user` makes
(backend, user id, active user, session hash) run on that row. Nothing is cached, so a logout,
a detected refresh-token reuse or an account deletion (each deletes the session row) takes
effect on the very next request.

Where the row is not the common case (no `user` column yet, or a session hash that only
matches a SECRET_KEY_FALLBACKS key, which Django rewrites), allauth's own path answers.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from allauth.account.internal.userkit import user_id_to_str
from allauth.headless.tokens.strategies.jwt import internal as jwt_tokens
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from accounts.models import LoginSession, User


@cache
def _live_login_user_sql() -> str:
    # `raw()` still applies each column's converters: the User is what the ORM would load.
    qn = connection.ops.quote_name
    users, logins = qn(User._meta.db_table), qn(LoginSession._meta.db_table)
    columns = ", ".join(f"u.{qn(f.column)}" for f in User._meta.concrete_fields)
    return (
        f"SELECT {columns}, s.{qn('session_data')} AS login_session_data"
        f" FROM {logins} s JOIN {users} u ON u.{qn('id')} = s.{qn('user_id')}"
        f" WHERE s.{qn('session_key')} = %s AND s.{qn('expire_date')} > %s"
    )


def _live_login(session_key: str) -> tuple[User, str] | None:
    """The user of a live login and the login's session data, or None."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    user = next(iter(User.objects.raw(_live_login_user_sql(), [session_key, now])), None)
    if user is None:
        return None
    return user, user.__dict__.pop("login_session_data")  # the user object carries none


def access_token_user(token: str) -> tuple[User, dict[str, Any]] | None:
    """(user, claims) of a valid access token of a live login, else None."""
    payload = jwt_tokens.decode_token(token, "access")
    if payload is None:
        return None
    session_key = jwt_tokens.session_key_from_sid(payload["sid"])
    if not session_key:
        return None
    found = _live_login(session_key)
    if found is None:
        # No live login with a user column: none at all (401), or a row that predates the
        # column, which allauth's path reads from the session data.
        return jwt_tokens.validate_access_token(token)
    user, session_data = found
    data = LoginSession.get_session_store_class()().decode(session_data)
    if not (
        user.is_active
        and data.get(BACKEND_SESSION_KEY) in settings.AUTHENTICATION_BACKENDS
        and str(data.get(SESSION_KEY)) == str(user.pk)
        and user_id_to_str(user) == payload["sub"]
    ):
        return None
    if not constant_time_compare(data.get(HASH_SESSION_KEY) or "", user.get_session_auth_hash()):
        return jwt_tokens.validate_access_token(token)
    return user, payload
