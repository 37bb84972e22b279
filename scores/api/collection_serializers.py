"""Collection shapes. The selectors build the items (`scores.selectors.collections`); these
describe them for the schema. `score_ids` shown to a viewer are the members they may see."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from mirubato.api.pagination import page_of
from scores.api.serializers import ScoreOutputSerializer
from scores.models import UserCollection, Visibility


class CollectionOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    slug = serializers.CharField()
    description = serializers.CharField()
    instrument = serializers.CharField()
    difficulty = serializers.CharField()
    display_order = serializers.IntegerField()
    is_featured = serializers.BooleanField()
    score_ids = serializers.ListField(child=serializers.CharField())
    score_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


CollectionListOutputSerializer = page_of(CollectionOutputSerializer, "CollectionList")


class CollectionDetailOutputSerializer(CollectionOutputSerializer):
    scores = ScoreOutputSerializer(many=True)


class UserCollectionOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    slug = serializers.CharField()
    description = serializers.CharField()
    visibility = serializers.ChoiceField(choices=Visibility.choices)
    is_default = serializers.BooleanField()
    is_owner = serializers.BooleanField()
    collection_type = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    display_order = serializers.IntegerField()
    score_ids = serializers.ListField(child=serializers.CharField())
    score_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


UserCollectionListOutputSerializer = page_of(UserCollectionOutputSerializer, "UserCollectionList")


class UserCollectionDetailOutputSerializer(UserCollectionOutputSerializer):
    scores = ScoreOutputSerializer(many=True)


class UserCollectionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = UserCollection
        fields = ("id", "name", "slug", "is_default")


class UserCollectionInputSerializer(serializers.Serializer):
    """POST needs `name` (context `creating=True`); PATCH changes what it sends."""

    name = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=2000, allow_blank=True, required=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50), max_length=30, required=False
    )
    display_order = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)

    def validate_name(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("May not be blank.")
        return value.strip()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.context.get("creating") and "name" not in attrs:
            raise serializers.ValidationError({"name": ["This field is required."]})
        return attrs


class MemberAddInputSerializer(serializers.Serializer):
    score_id = serializers.CharField(max_length=40)
    position = serializers.IntegerField(
        min_value=0, max_value=100_000, required=False, allow_null=True
    )


class OrderInputSerializer(serializers.Serializer):
    score_ids = serializers.ListField(child=serializers.CharField(max_length=40), max_length=1000)
