from __future__ import annotations

from rest_framework import serializers

from accounts.models import User


class ProfileOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    email = serializers.EmailField()
    display_name = serializers.CharField(allow_blank=True)
    avatar_url = serializers.URLField(allow_null=True)
    primary_instrument = serializers.ChoiceField(User.Instrument.choices, allow_null=True)
    skill_level = serializers.ChoiceField(User.SkillLevel.choices, allow_null=True)
    auth_provider = serializers.ChoiceField(choices=User.AuthProvider.choices)
    is_staff = serializers.BooleanField()
    created_at = serializers.DateTimeField()


def _avatar_url() -> serializers.URLField:
    return serializers.URLField(
        max_length=500,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="An http(s) image URL; null or empty removes it.",
    )


def _choice(choices: list, help_text: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices, required=False, allow_null=True, allow_blank=True, help_text=help_text
    )


class ProfileReplaceInputSerializer(serializers.Serializer):
    """PUT: the whole editable profile; a field left out (or null) is cleared."""

    display_name = serializers.CharField(max_length=100, allow_blank=True)
    avatar_url = _avatar_url()
    primary_instrument = _choice(User.Instrument.choices, "piano or guitar.")
    skill_level = _choice(User.SkillLevel.choices, "beginner ... professional.")

    def validate_avatar_url(self, value: str | None) -> str | None:
        if value and not value.lower().startswith(("https://", "http://")):
            raise serializers.ValidationError("Must be an http or https URL.")
        return value


class ProfileUpdateInputSerializer(ProfileReplaceInputSerializer):
    """PATCH: any of the fields, at least one; those sent replace the stored ones."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            names = "displayName, avatarUrl, primaryInstrument, skillLevel"
            raise serializers.ValidationError(f"Send at least one of: {names}.")
        return attrs


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
