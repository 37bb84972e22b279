"""Sign-in as the original client speaks it (the client's calls §2): our sign-in services, checks
and throttles (the same scopes, so both wires share one budget), the original's bodies, and the
httpOnly `refresh-token` cookie flow the original offered (docs/web-client.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts.api.inputs import (
    GoogleInputSerializer,
    MagicLinkEmailThrottle,
    MagicLinkIpThrottle,
    MagicLinkRequestInputSerializer,
    MagicLinkVerifyInputSerializer,
    RefreshInputSerializer,
    RefreshThrottle,
    VerifyThrottle,
)
from accounts.selectors import user_profile
from accounts.services import (
    TokenPair,
    google_sign_in,
    login_revoke_current,
    magic_link_request,
    magic_link_verify,
    tokens_refresh,
)
from legacy.main.shapes import refreshed_body, signed_in_body, user_body
from legacy.wire import LegacyView
from mirubato.api.errors import ApiError
from mirubato.api.inputs import validated

REFRESH_COOKIE = "refresh-token"
MAGIC_LINK_SENT = "If the address can receive mail, a sign-in link is on its way."
NO_REFRESH_TOKEN = "No refresh token was sent; sign in again."

# --- the refresh-token cookie ----------------------------------------------------------------


def _cookie_path() -> str:
    """The legacy auth folder (`/legacy/api/auth`): the cookie goes to refresh and logout
    only, never to any other request."""
    return reverse("legacy-main-auth-refresh").rsplit("/", 1)[0]


def _cookie(response: Response, value: str, max_age: int) -> None:
    response.set_cookie(
        REFRESH_COOKIE,
        value,
        max_age=max_age,
        path=_cookie_path(),
        domain=settings.LEGACY_COOKIE_DOMAIN,
        secure=not settings.DEBUG,
        httponly=True,
        samesite="Lax",
    )


def set_refresh_cookie(response: Response, refresh_token: str) -> None:
    _cookie(response, refresh_token, settings.HEADLESS_JWT_REFRESH_TOKEN_EXPIRES_IN)


def clear_refresh_cookie(response: Response) -> None:
    # Same attributes as when set, or a browser keeps the Secure original.
    _cookie(response, "", 0)


# --- views -----------------------------------------------------------------------------------


class PublicAuthView(LegacyView):
    # As on REST: an Authorization header is ignored (an expired token must not block sign-in).
    authentication_classes: list = []
    permission_classes = [AllowAny]


def _signed_in(user: Any, tokens: TokenPair) -> Response:
    body = signed_in_body(
        user_profile(user=user), tokens.access_token, tokens.refresh_token, tokens.expires_in
    )
    response = Response(body)
    set_refresh_cookie(response, tokens.refresh_token)
    return response


class MagicLinkRequestView(PublicAuthView):
    throttle_classes = [MagicLinkIpThrottle, MagicLinkEmailThrottle]

    def post(self, request):
        data = validated(MagicLinkRequestInputSerializer, request.data)
        magic_link_request(email=data["email"])
        body = {"success": True, "message": MAGIC_LINK_SENT}
        return Response({**body, "expiresIn": settings.MAGIC_LINK_MINUTES * 60})


class MagicLinkVerifyView(PublicAuthView):
    throttle_classes = [VerifyThrottle]

    def post(self, request):
        data = validated(MagicLinkVerifyInputSerializer, request.data)
        return _signed_in(*magic_link_verify(token=data["token"]))


class GoogleSignInView(PublicAuthView):
    throttle_classes = [VerifyThrottle]

    def post(self, request):
        data = validated(GoogleInputSerializer, request.data)
        return _signed_in(*google_sign_in(credential=data["credential"]))


class RefreshView(PublicAuthView):
    """The original refreshed from the cookie with no body; a body `refreshToken` (what our
    REST API takes) wins when both come. Rotation and reuse detection are `tokens_refresh`'s:
    a reused token ends the whole login. A refused cookie is cleared."""

    throttle_classes = [RefreshThrottle]
    from_cookie = False

    def post(self, request):
        sent = request.data.get("refreshToken") if isinstance(request.data, dict) else None
        token = sent if sent is not None else request.COOKIES.get(REFRESH_COOKIE) or None
        if token is None:
            raise ApiError(401, "invalid_refresh_token", NO_REFRESH_TOKEN)
        self.from_cookie = sent is None
        data = validated(RefreshInputSerializer, {"refresh_token": token})
        tokens = tokens_refresh(refresh_token=data["refresh_token"])
        in_body = None if self.from_cookie else tokens.refresh_token
        response = Response(refreshed_body(tokens.access_token, in_body, tokens.expires_in))
        set_refresh_cookie(response, tokens.refresh_token)
        return response

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if self.from_cookie and response.status_code == 401:
            clear_refresh_cookie(response)
        return response


class LogoutView(LegacyView):
    """Ends the login of the access token (its refresh token with it) and clears the cookie,
    whatever the outcome: the client forgets its tokens in any case."""

    def post(self, request):
        login_revoke_current(token_payload=request.auth)
        return Response({"success": True, "message": "Logged out successfully"})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        clear_refresh_cookie(response)
        return response


class UserMeView(LegacyView):
    def get(self, request):
        return Response(user_body(user_profile(user=request.user)))
