"""The scorebook admin for staff: catalogue curation, reprocessing, curated collections with
ordered members (number-based ordering), featuring, and read-only analytics. Every model is
routed to the `scores` database; membership changes rewrite the derived `score_ids`."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.services import AuditAction, AuditedAdminMixin, audit_staff_action
from scores.models import (
    DB,
    Collection,
    CollectionMember,
    ProcessingStatus,
    Score,
    ScoreAnalytics,
    ScorePage,
    ScoreVersion,
    UserCollection,
)
from scores.services.collections import refresh_curated, refresh_personal
from scores.text import fold


def _audit_bulk(request: HttpRequest, name: str, model, count: int) -> None:
    """A bulk action of the admin, in the audit trail (the admin's own log skips actions)."""
    label = model._meta.label_lower
    audit_staff_action(
        request=request, action=AuditAction.ADMIN_ACTION, target_type=label, name=name, count=count
    )


class ScoreVersionInline(admin.TabularInline):
    model = ScoreVersion
    extra = 0
    can_delete = False
    fields = (
        "format",
        "file",
        "file_size_bytes",
        "page_count",
        "processing_status",
        "attempts",
        "processing_error",
        "text_extraction_status",
        "created_at",
    )
    readonly_fields = fields
    show_change_link = True


class ScorePageInline(admin.TabularInline):
    model = ScorePage
    extra = 0
    can_delete = False
    fields = ("page_number", "image", "width", "height", "file_size_bytes")
    readonly_fields = fields


@admin.register(Score)
class ScoreAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "composer",
        "instrument",
        "difficulty",
        "difficulty_level",
        "style_period",
        "visibility",
        "processing_status",
        "page_count",
        "created_at",
    )
    list_filter = (
        "instrument",
        "difficulty",
        "style_period",
        "visibility",
        "processing_status",
        "source",
        "source_type",
    )
    search_fields = ("title", "composer", "opus", "=id", "=catalogue_key", "=user_id")
    readonly_fields = (
        "id",
        "user_id",
        "normalized_id",
        "search_text",
        "created_at",
        "updated_at",
        "thumbnail",
    )
    inlines = [ScoreVersionInline, ScorePageInline]
    actions = ["reprocess"]
    list_per_page = 50
    date_hierarchy = "created_at"
    ordering = ("search_title", "id")

    def get_search_results(self, request, queryset, search_term):
        """Also match the folded search text, so `lagrima` finds `Lágrima` (as the API does)."""
        found, duplicates = super().get_search_results(request, queryset, search_term)
        words = fold(search_term).split()
        if words:
            folded = queryset
            for word in words:
                folded = folded.filter(search_text__contains=word)
            found = found | folded
        return found, duplicates

    @admin.action(description="Reprocess the selected scores' files")
    def reprocess(self, request: HttpRequest, queryset: QuerySet[Score]) -> None:
        ids = list(queryset.values_list("id", flat=True))
        with transaction.atomic(using=DB):
            versions = ScoreVersion.objects.filter(score_id__in=ids).update(
                processing_status=ProcessingStatus.PENDING,
                attempts=0,
                processing_error="",
                claimed_at=None,
            )
            Score.objects.filter(pk__in=ids, versions__isnull=False).update(
                processing_status=ProcessingStatus.PENDING, processing_error=""
            )
        _audit_bulk(request, "reprocess", Score, len(ids))
        self.message_user(
            request,
            f"{versions} file(s) of {len(ids)} score(s) queued for process_scores.",
            messages.SUCCESS if versions else messages.WARNING,
        )


class CollectionMemberInline(admin.TabularInline):
    """Members in order; edit `display order` numbers to reorder (lowest first)."""

    model = CollectionMember
    fk_name = "collection"
    fields = ("display_order", "score", "added_at")
    readonly_fields = ("added_at",)
    autocomplete_fields = ("score",)  # the picker searches the catalogue
    ordering = ("display_order", "added_at")
    extra = 1


class MembershipDerivedMixin:
    """After the admin saves members, rewrite the collection's derived score_ids."""

    refresh = staticmethod(refresh_curated)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        self.refresh(form.instance.pk)


@admin.register(Collection)
class CollectionAdmin(AuditedAdminMixin, MembershipDerivedMixin, admin.ModelAdmin):
    list_display = (
        "name",
        "slug",
        "instrument",
        "difficulty",
        "is_featured",
        "display_order",
        "member_count",
        "updated_at",
    )
    list_editable = ("display_order", "is_featured")
    list_filter = ("is_featured", "instrument", "difficulty")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("score_ids", "created_at", "updated_at")
    inlines = [CollectionMemberInline]
    actions = ["feature", "unfeature"]
    ordering = ("display_order", "name")

    @admin.display(description="Scores")
    def member_count(self, collection: Collection) -> int:
        return len(collection.score_ids)

    @admin.action(description="Feature the selected collections")
    def feature(self, request: HttpRequest, queryset: QuerySet[Collection]) -> None:
        changed = queryset.filter(is_featured=False).update(is_featured=True)
        _audit_bulk(request, "feature", Collection, changed)
        self.message_user(request, f"{changed} collection(s) now featured.", messages.SUCCESS)

    @admin.action(description="Stop featuring the selected collections")
    def unfeature(self, request: HttpRequest, queryset: QuerySet[Collection]) -> None:
        changed = queryset.filter(is_featured=True).update(is_featured=False)
        _audit_bulk(request, "unfeature", Collection, changed)
        self.message_user(request, f"{changed} collection(s) no longer featured.", messages.SUCCESS)


class UserCollectionMemberInline(CollectionMemberInline):
    fk_name = "user_collection"


@admin.register(UserCollection)
class UserCollectionAdmin(AuditedAdminMixin, MembershipDerivedMixin, admin.ModelAdmin):
    refresh = staticmethod(refresh_personal)
    list_display = ("name", "user_id", "visibility", "is_default", "collection_type", "updated_at")
    list_filter = ("visibility", "is_default", "collection_type")
    search_fields = ("name", "slug", "=user_id")
    readonly_fields = ("user_id", "is_default", "score_ids", "created_at", "updated_at")
    inlines = [UserCollectionMemberInline]


@admin.register(ScoreAnalytics)
class ScoreAnalyticsAdmin(admin.ModelAdmin):
    list_display = ("score", "view_count", "download_count", "render_count", "last_viewed_at")
    list_select_related = ("score",)
    search_fields = ("score__title", "score__composer")
    ordering = ("-view_count",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
