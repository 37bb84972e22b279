"""Admin building blocks every app shares."""

from __future__ import annotations

from django.contrib import admin

from mirubato.models import CommandRun
from mirubato.selectors import latest_of_each


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


class LatestRunFilter(admin.SimpleListFilter):
    """The changelist opens on the last run of each command; "All runs" shows the history."""

    title = "runs"
    parameter_name = "runs"

    def lookups(self, request, model_admin):
        return [("all", "All runs")]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Last run of each command",
        }
        yield {
            "selected": self.value() == "all",
            "query_string": changelist.get_query_string({self.parameter_name: "all"}),
            "display": "All runs",
        }

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return latest_of_each(queryset)


@admin.register(CommandRun)
class CommandRunAdmin(ReadOnlyAdmin):
    list_display = (
        "command",
        "started_at",
        "duration",
        "outcome",
        "dry_run",
        "summary",
        "host",
    )
    list_filter = (LatestRunFilter, "outcome", "command", "dry_run", "started_at")
    search_fields = ("command", "summary", "error", "=request_id")
    ordering = ("command", "-started_at")
    date_hierarchy = "started_at"
    fields = (
        "command",
        "outcome",
        "dry_run",
        "started_at",
        "finished_at",
        "duration_seconds",
        "counts",
        "summary",
        "error",
        "host",
        "pid",
        "request_id",
    )
    readonly_fields = fields

    @admin.display(description="duration", ordering="duration_seconds")
    def duration(self, run: CommandRun) -> str:
        return "" if run.duration_seconds is None else f"{run.duration_seconds:.1f} s"
