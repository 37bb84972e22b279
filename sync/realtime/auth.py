"""Who is on a socket: the access token from the AUTH message or `Sec-WebSocket-Protocol`.

Never from the URL (URLs end up in access logs). Tokens are checked by allauth exactly as REST
checks `Authorization: Bearer`, including that their login session still exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from allauth.headless.tokens.strategies.jwt.internal import session_key_from_sid
from channels.db import database_sync_to_async

from accounts import selectors as accounts_selectors
from sync.realtime.protocol import Close, RealtimeError

# The subprotocol a client names to speak this protocol; with the token it offers a second one,
# `access_token.<JWT>`. The server answers with PROTOCOL only, so the token is never echoed.
PROTOCOL = "mirubato.sync.v1"
TOKEN_PREFIX = "access_token."
_URL_CREDENTIALS = {"token", "access_token", "jwt", "auth"}


@dataclass(frozen=True)
class Identity:
    user: Any  # accounts.User, as allauth loaded it
    user_id: str
    expires_at: float  # the token's `exp`, seconds since the epoch
    session_key: str  # the login (`login_sessions` row) the token belongs to


def refuse_url_credentials(scope: dict[str, Any]) -> None:
    """A token in the query string is refused, so clients cannot leak it into logs by accident."""
    query = parse_qs(scope.get("query_string", b"").decode("latin1"))
    if _URL_CREDENTIALS & set(query):
        raise RealtimeError(
            "token_in_url",
            "Send the access token in the AUTH message or Sec-WebSocket-Protocol, never the URL.",
            Close.BAD_REQUEST,
        )


def offered_protocol(scope: dict[str, Any]) -> tuple[str | None, str | None]:
    """(subprotocol to accept, token offered in the handshake), either possibly None."""
    offered = scope.get("subprotocols") or []
    token = next((p[len(TOKEN_PREFIX) :] for p in offered if p.startswith(TOKEN_PREFIX)), None)
    return (PROTOCOL if PROTOCOL in offered else None), token


def _validate(token: str) -> Identity | None:
    result = accounts_selectors.access_token_user(token)
    if result is None:
        return None
    user, payload = result
    if not user.is_active:
        return None
    return Identity(
        user=user,
        user_id=str(user.pk),
        expires_at=float(payload["exp"]),
        session_key=session_key_from_sid(payload["sid"]) or "",
    )


_validate_async = database_sync_to_async(_validate)


async def authenticate(token: Any) -> Identity:
    """The identity behind an access token, or a `RealtimeError` closing with 4401."""
    if not isinstance(token, str) or not token:
        raise RealtimeError("token_required", "AUTH needs a token.", Close.UNAUTHORIZED)
    identity = await _validate_async(token)
    if identity is None:
        raise RealtimeError(
            "invalid_token",
            "The access token is invalid, expired or signed out; refresh it and reconnect.",
            Close.UNAUTHORIZED,
        )
    return identity


def signed_out() -> RealtimeError:
    return RealtimeError("invalid_token", "The login was signed out.", Close.UNAUTHORIZED)


def still_signed_in(token: str) -> None:
    """A signed-out login stops its sockets at their next request, as it stops REST at once."""
    if _validate(token) is None:
        raise signed_out()


def login_exists(session_key: str) -> bool:
    """The login is still there: one primary-key lookup, cheap enough for live delivery."""
    return accounts_selectors.login_exists(session_key=session_key)
