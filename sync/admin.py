"""Read-only views of the sync store for staff: what a user synced, their feed state, and the
stored push answers. Changes go through the API only, so the feed and versions stay right."""

from __future__ import annotations

from django.contrib import admin

from mirubato.admin import ReadOnlyAdmin
from sync.models import IdempotencyKey, SyncData, SyncMetadata


class DeletedFilter(admin.SimpleListFilter):
    title = "deleted"
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("yes", "Deleted (tombstones)"), ("no", "Live")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(deleted_at__isnull=self.value() == "no")
        return queryset


@admin.register(SyncData)
class SyncDataAdmin(ReadOnlyAdmin):
    list_display = (
        "entity_type",
        "entity_id",
        "user",
        "version",
        "seq",
        "device_id",
        "updated_at",
        "deleted_at",
    )
    list_filter = ("entity_type", DeletedFilter)
    search_fields = ("entity_id", "user__email", "=user__id")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    ordering = ("-updated_at",)
    show_full_result_count = False  # the table is large; no COUNT(*) per page


@admin.register(SyncMetadata)
class SyncMetadataAdmin(ReadOnlyAdmin):
    list_display = (
        "user",
        "last_sync_time",
        "device_count",
        "last_device_id",
        "sync_conflict_count",
        "last_seq",
        "purged_seq",
    )
    search_fields = ("user__email", "=user__id")
    list_select_related = ("user",)
    raw_id_fields = ("user",)


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(ReadOnlyAdmin):
    list_display = ("key", "user", "status_code", "created_at", "expires_at")
    search_fields = ("=key", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    ordering = ("-created_at",)
