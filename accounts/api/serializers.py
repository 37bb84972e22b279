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
