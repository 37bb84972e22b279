"""Sign-in endpoints: magic link, Google, refresh, logout. All but logout are public and
ignore any Authorization header (an expired access token must not block a refresh)."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api import serializers as s
from accounts.api.throttles import (
    MagicLinkEmailThrottle,
    MagicLinkIpThrottle,
    RefreshThrottle,
    VerifyThrottle,
)
from accounts.models import User
from accounts.selectors import user_profile
from accounts.services import TokenPair, login_revoke_current, tokens_refresh
from accounts.services.google import google_sign_in
from accounts.services.magic_links import magic_link_request, magic_link_verify
from mirubato.api.inputs import validated

MAGIC_LINK_SENT = "If the address can receive mail, a sign-in link is on its way."


def _signed_in(user: User, tokens: TokenPair) -> Response:
    return Response(
        s.SignInOutputSerializer(
            {
                "user": user_profile(user=user),
                "access_token": tokens.access_token,
                "refresh_token": tokens.refresh_token,
                "expires_in": tokens.expires_in,
            }
        ).data
    )


class PublicAuthView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class MagicLinkRequestView(PublicAuthView):
    throttle_classes = [MagicLinkIpThrottle, MagicLinkEmailThrottle]

    @extend_schema(
        operation_id="auth_request_magic_link",
        tags=["auth"],
        auth=[{}],
        request=s.MagicLinkRequestInputSerializer,
        responses=s.MagicLinkRequestOutputSerializer,
        description="Mails a one-time sign-in link. The answer is the same for every address.",
    )
    def post(self, request):
        data = validated(s.MagicLinkRequestInputSerializer, request.data)
        magic_link_request(email=data["email"])
        body = {"message": MAGIC_LINK_SENT, "expires_in": settings.MAGIC_LINK_MINUTES * 60}
        return Response(s.MagicLinkRequestOutputSerializer(body).data)


class MagicLinkVerifyView(PublicAuthView):
    throttle_classes = [VerifyThrottle]

    @extend_schema(
        operation_id="auth_verify_magic_link",
        tags=["auth"],
        auth=[{}],
        request=s.MagicLinkVerifyInputSerializer,
        responses=s.SignInOutputSerializer,
    )
    def post(self, request):
        data = validated(s.MagicLinkVerifyInputSerializer, request.data)
        return _signed_in(*magic_link_verify(token=data["token"]))


class GoogleSignInView(PublicAuthView):
    throttle_classes = [VerifyThrottle]

    @extend_schema(
        operation_id="auth_google",
        tags=["auth"],
        auth=[{}],
        request=s.GoogleInputSerializer,
        responses=s.SignInOutputSerializer,
    )
    def post(self, request):
        data = validated(s.GoogleInputSerializer, request.data)
        return _signed_in(*google_sign_in(credential=data["credential"]))


class RefreshView(PublicAuthView):
    throttle_classes = [RefreshThrottle]

    @extend_schema(
        operation_id="auth_refresh",
        tags=["auth"],
        auth=[{}],
        request=s.RefreshInputSerializer,
        responses=s.TokensOutputSerializer,
        description="Rotates the refresh token. Presenting a refresh token that was already "
        "rotated revokes the whole login.",
    )
    def post(self, request):
        data = validated(s.RefreshInputSerializer, request.data)
        tokens = tokens_refresh(refresh_token=data["refresh_token"])
        return Response(s.TokensOutputSerializer(tokens.__dict__).data)


class LogoutView(APIView):
    @extend_schema(
        operation_id="auth_logout",
        tags=["auth"],
        request=None,
        responses={204: None},
        description="Ends the current login: its access and refresh tokens stop working.",
    )
    def post(self, request):
        login_revoke_current(token_payload=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)
