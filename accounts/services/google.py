"""Google sign-in: a Google Identity Services ID token, verified by allauth, signs a user in.

Verification is allauth's (`socialaccount.internal.jwtkit.verify_and_decode`: signature
against the published key set, audience, issuer, expiry, replay of a token id), with the app
(client id) from allauth's settings-based SOCIALACCOUNT_PROVIDERS. The Google provider's own
wrapper is not called because it reads its key URL once at import time and expects Google's
PEM-certificate format; calling the same function with settings.GOOGLE_JWKS_URL and the JWK
lookup keeps the key set a real setting (tests serve one on 127.0.0.1).
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
import requests
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialAccount, SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from django.conf import settings
from django.db import transaction

from accounts.models import AuditAction, User
from accounts.services.audit import audit_record
from accounts.services.sessions import TokenPair, tokens_issue
from accounts.services.users import user_sign_in
from mirubato.api.errors import ApiError, ServiceUnavailable

logger = logging.getLogger("accounts.google")
SIGNING_ALGORITHMS = {"RS256"}


def _bad_credential(reason: str) -> ApiError:
    logger.info("Google credential refused: %s", reason)
    return ApiError(401, "invalid_credential", "The Google credential is not valid.")


def _check_header(credential: str) -> None:
    """Refuses anything that is not an RS256 JWT naming its key, before any network call."""
    try:
        header = jwt.get_unverified_header(credential)
    except jwt.PyJWTError as exc:
        raise _bad_credential("malformed") from exc
    if header.get("alg") not in SIGNING_ALGORITHMS or not isinstance(header.get("kid"), str):
        raise _bad_credential("unexpected algorithm or no key id")


def _client_id() -> str:
    try:
        return get_adapter().get_app(None, provider="google").client_id
    except SocialApp.DoesNotExist as exc:
        raise ServiceUnavailable("Google sign-in is not configured on this server.") from exc


def google_claims_verify(*, credential: str) -> dict[str, Any]:
    """The claims of a genuine, unexpired ID token for this app with a verified address."""
    _check_header(credential)
    try:
        claims = jwtkit.verify_and_decode(
            credential=credential,
            keys_url=settings.GOOGLE_JWKS_URL,
            issuer=settings.GOOGLE_ID_TOKEN_ISSUERS,
            audience=_client_id(),
            lookup_kid=jwtkit.lookup_kid_jwk,
        )
    except OAuth2Error as exc:
        raise _bad_credential(str(exc)) from exc
    except (requests.RequestException, KeyError, TypeError, ValueError) as exc:
        logger.error("Google key set unavailable: %s", exc)
        raise ServiceUnavailable("Google's signing keys could not be fetched.") from exc
    if claims.get("email_verified") not in (True, "true") or not claims.get("email"):
        raise _bad_credential("address not verified")
    if not isinstance(claims.get("sub"), str):
        raise _bad_credential("no subject")
    return claims


def google_sign_in(*, credential: str) -> tuple[User, TokenPair]:
    """Signs in with a Google ID token: the account with this Google id, else the one with
    this verified address (which gets linked), else a new one."""
    claims = google_claims_verify(credential=credential)
    with transaction.atomic():
        user = user_sign_in(
            email=claims["email"],
            provider=User.AuthProvider.GOOGLE,
            google_id=claims["sub"],
            display_name=str(claims.get("name") or ""),
        )
        # allauth's record of the link, so its admin and tools see the Google account.
        SocialAccount.objects.update_or_create(
            provider="google", uid=claims["sub"], defaults={"user": user, "extra_data": claims}
        )
        tokens = tokens_issue(user=user)
        audit_record(action=AuditAction.SIGN_IN, actor=user, detail={"method": "google"})
        return user, tokens
