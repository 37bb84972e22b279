"""Collections: curated ones (staff, `collections`) and users' own (`user_collections`).

`collection_members` is the one record of membership and order for both kinds; each
collection's `score_ids` column is a copy derived from it by `scores.services.collections` and
never written anywhere else.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from mirubato.ids import new_id
from scores.models.choices import Visibility
from scores.models.scores import Score


class Collection(models.Model):
    """A curated, public collection that staff create, fill, order and feature in the admin."""

    id = models.CharField(primary_key=True, max_length=40, default=new_id, editable=False)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True, default="")
    instrument = models.CharField(max_length=16, blank=True, default="")
    difficulty = models.CharField(max_length=16, blank=True, default="")
    score_ids = models.JSONField(default=list, blank=True, editable=False)
    display_order = models.IntegerField(default=0, db_index=True)
    is_featured = models.BooleanField(default=False, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "collections"
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class UserCollection(models.Model):
    """A user's own collection; the first one (the default) is created on first use."""

    class Type(models.TextChoices):
        PERSONAL = "personal"
        PROFESSIONAL = "professional"
        PLATFORM = "platform"

    id = models.CharField(primary_key=True, max_length=40, default=new_id, editable=False)
    user_id = models.CharField(max_length=40, db_index=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    slug = models.SlugField(max_length=120)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    is_default = models.BooleanField(default=False)
    collection_type = models.CharField(max_length=16, choices=Type.choices, default=Type.PERSONAL)
    score_ids = models.JSONField(default=list, blank=True, editable=False)
    tags = models.JSONField(default=list, blank=True)
    display_order = models.IntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "user_collections"
        constraints = [
            models.UniqueConstraint(fields=["user_id", "slug"], name="user_collections_slug"),
            # At most one default per user, even when two first requests race to create it.
            models.UniqueConstraint(
                fields=["user_id"], condition=Q(is_default=True), name="user_collections_default"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CollectionMember(models.Model):
    """A score's place in one collection: exactly one of `collection` (curated, column
    `collection_id`) and `user_collection` is set."""

    id = models.CharField(primary_key=True, max_length=26, default=new_id, editable=False)
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, null=True, blank=True, related_name="members"
    )
    user_collection = models.ForeignKey(
        UserCollection, on_delete=models.CASCADE, null=True, blank=True, related_name="members"
    )
    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="memberships")
    display_order = models.IntegerField(default=0)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "collection_members"
        ordering = ["display_order", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "score"], name="members_curated_once"),
            models.UniqueConstraint(fields=["user_collection", "score"], name="members_user_once"),
            models.CheckConstraint(
                condition=(Q(collection__isnull=False) & Q(user_collection__isnull=True))
                | (Q(collection__isnull=True) & Q(user_collection__isnull=False)),
                name="members_one_collection",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score_id} #{self.display_order}"
