"""Who an access token speaks for, in one query.

allauth's stateful validation (`validate_access_token`) loads the login session, decodes it,
then loads the user: two queries and two model loads on every authenticated request. Here the
session row and its user come back from one join (raw SQL: building it through the ORM
cost more than running it), and the checks Django's `get_user` makes
(backend, user id, active user, session hash) run on that row.

What is kept between requests is only what is an exact function of its key: a token's
verified claims and session key (`verified_tokens`), and a login row's decoded session data
(keyed by its signed text, which changes whenever the row does). The login row itself is
read on every request, so a logout, a detected refresh-token reuse or an account deletion
(each deletes the session row) takes effect on the very next request.

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
from accounts.selectors.verified_tokens import verified_access_token
from mirubato.lru import LRU

# Decoded session data by (signed text, signing secrets). A row's text changes with every
# save, so an entry can never be stale; the size bounds memory, not correctness.
_decoded_sessions: LRU[tuple, dict[str, Any]] = LRU(4096)


@cache
def _live_login_user_sql(vendor: str) -> str:
    qn = connection.ops.quote_name
    users, logins = qn(User._meta.db_table), qn(LoginSession._meta.db_table)
    columns = ", ".join(f"u.{qn(f.column)}" for f in User._meta.concrete_fields)
    return (
        f"SELECT {columns}, s.{qn('session_data')}"
        f" FROM {logins} s JOIN {users} u ON u.{qn('id')} = s.{qn('user_id')}"
        f" WHERE s.{qn('session_key')} = %s AND s.{qn('expire_date')} > %s"
    )


@cache
def _user_columns(vendor: str) -> tuple[tuple[str, ...], tuple[tuple[Any, list], ...]]:
    """The User's attribute names and, per column, the converters the ORM would apply to
    it on this backend (SQLite hands back datetimes as text, booleans as integers). Kept per
    backend, not per connection: these converters read settings, never the connection's
    state, and each call is handed the caller's own connection."""
    fields = User._meta.concrete_fields
    converters = []
    for field in fields:
        column = field.get_col(User._meta.db_table)
        found = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        converters.append((column, found))
    return tuple(f.attname for f in fields), tuple(converters)


def _live_login(session_key: str) -> tuple[User, str] | None:
    """The user of a live login and the login's session data, or None. The User is built
    as the ORM builds a loaded row (`from_db`, each column through its converters)."""
    vendor = connection.vendor
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_live_login_user_sql(vendor), [session_key, now])
        row = cursor.fetchone()
    if row is None:
        return None
    names, converters = _user_columns(vendor)
    values = []
    for value, (column, found) in zip(row[:-1], converters, strict=True):
        for convert in found:
            value = convert(value, column, connection)
        values.append(value)
    return User.from_db(connection.alias, names, values), row[-1]


def _session_data(session_data: str) -> dict[str, Any]:
    key = (session_data, settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS))
    data = _decoded_sessions.get(key)
    if data is None:
        data = LoginSession.get_session_store_class()().decode(session_data)
        _decoded_sessions.put(key, data)
    return data


def access_token_user(token: str) -> tuple[User, dict[str, Any]] | None:
    """(user, claims) of a valid access token of a live login, else None."""
    verified = verified_access_token(token)
    if verified is None:
        return None
    payload, session_key = verified
    found = _live_login(session_key)
    if found is None:
        # No live login with a user column: none at all (401), or a row that predates the
        # column, which allauth's path reads from the session data.
        return jwt_tokens.validate_access_token(token)
    user, session_data = found
    data = _session_data(session_data)
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
