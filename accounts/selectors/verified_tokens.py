"""Access tokens this process has already verified.

Checking a token's signature and decrypting its session id cost about a quarter of a small
authenticated request, and a client sends the same token for many requests. Both results
depend only on the token's text and the signing secrets, which together are the key, so a
kept result is exact. The one check that changes with time, expiry, runs again on every
use, as PyJWT makes it (`exp <= now` has expired). Whether the login is still live is not
decided here: `access_tokens` reads it on every request, so revocation stays immediate.

Only tokens that verified are kept: junk cannot push real tokens out.
"""

from __future__ import annotations

import time
from typing import Any

from allauth.headless import app_settings
from allauth.headless.tokens.strategies.jwt import internal as jwt_tokens
from django.conf import settings

from mirubato.lru import LRU

_clock = time.time  # PyJWT's clock: wall time in seconds
verified_tokens: LRU[tuple, tuple[dict[str, Any], str]] = LRU(4096)


def verified_access_token(token: str) -> tuple[dict[str, Any], str] | None:
    """(claims, session key) of an access token that is signed by us and not expired,
    else None."""
    key = (token, app_settings.JWT_ALGORITHM, app_settings.JWT_PRIVATE_KEY, settings.SECRET_KEY)
    kept = verified_tokens.get(key)
    if kept is None:
        payload = jwt_tokens.decode_token(token, "access")
        if payload is None:
            return None
        session_key = jwt_tokens.session_key_from_sid(payload["sid"])
        if not session_key:
            return None
        kept = (payload, session_key)
        verified_tokens.put(key, kept)
    payload, session_key = kept
    if "exp" in payload and int(payload["exp"]) <= _clock():
        return None
    return dict(payload), session_key  # the caller's own copy of the claims
