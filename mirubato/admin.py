"""Admin building blocks every app shares."""

from __future__ import annotations

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """For rows only the service writes (feeds, usage counters, statistics): staff can look,
    never edit, so derived state cannot drift from what produced it."""

    # Counting a large table for "N of M" on every page is slow and tells staff little.
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
