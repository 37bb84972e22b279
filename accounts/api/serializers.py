from __future__ import annotations

from rest_framework import serializers

from accounts.models import User


class ProfileOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    email = serializers.EmailField()
    display_name = serializers.CharField(allow_blank=True)
    auth_provider = serializers.ChoiceField(choices=User.AuthProvider.choices)
    is_staff = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class ProfileUpdateInputSerializer(serializers.Serializer):
    display_name = serializers.CharField(max_length=100, allow_blank=True)


class MagicLinkRequestInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class MagicLinkRequestOutputSerializer(serializers.Serializer):
    message = serializers.CharField()
    expires_in = serializers.IntegerField(help_text="Seconds the mailed link stays valid.")


class MagicLinkVerifyInputSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=256)


class GoogleInputSerializer(serializers.Serializer):
    credential = serializers.CharField(max_length=8192, help_text="A Google ID token (JWT).")


class RefreshInputSerializer(serializers.Serializer):
    refresh_token = serializers.CharField(max_length=4096)


class TokensOutputSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    refresh_token = serializers.CharField()
    expires_in = serializers.IntegerField(help_text="Seconds until the access token expires.")


class SignInOutputSerializer(TokensOutputSerializer):
    user = ProfileOutputSerializer()
