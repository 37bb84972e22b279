from __future__ import annotations

from django.contrib import admin

from repertoire.models import (
    Goal,
    GoalProgress,
    RepertoireStatusChange,
    ScoreAnnotation,
    UserRepertoire,
)


class StatusChangeInline(admin.TabularInline):
    model = RepertoireStatusChange
    extra = 0
    fields = ("changed_at", "from_status", "to_status")
    readonly_fields = fields
    can_delete = False
    ordering = ("-changed_at",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # history is written by status changes, never by hand


@admin.register(UserRepertoire)
class UserRepertoireAdmin(admin.ModelAdmin):
    list_display = ("score_id", "user", "status", "difficulty_rating", "updated_at")
    list_filter = ("status", "difficulty_rating")
    search_fields = ("score_id", "user__email", "personal_notes")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("id", "created_at", "updated_at")
    date_hierarchy = "updated_at"
    inlines = [StatusChangeInline]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if "status" in form.changed_data:  # staff edits keep the dated history too
            before = form.initial.get("status", "") if change else ""
            RepertoireStatusChange.objects.create(
                item=obj, from_status=before, to_status=obj.status
            )


class GoalProgressInline(admin.TabularInline):
    model = GoalProgress
    extra = 0
    fields = ("recorded_at", "value", "notes", "session_id")
    ordering = ("-recorded_at",)


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "user",
        "type",
        "status",
        "current_value",
        "target_value",
        "target_date",
    )
    list_filter = ("type", "status")
    search_fields = ("title", "description", "score_id", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("id", "completed_at", "created_at", "updated_at")
    date_hierarchy = "created_at"
    inlines = [GoalProgressInline]
    actions = ["mark_abandoned"]

    @admin.action(description="Mark selected active goals as abandoned")
    def mark_abandoned(self, request, queryset) -> None:
        count = queryset.filter(status=Goal.Status.ACTIVE).update(status=Goal.Status.ABANDONED)
        self.message_user(request, f"{count} active goal(s) marked as abandoned.")


@admin.register(ScoreAnnotation)
class ScoreAnnotationAdmin(admin.ModelAdmin):
    list_display = ("score_id", "page_number", "annotation_type", "user", "updated_at")
    list_filter = ("annotation_type",)
    search_fields = ("score_id", "user__email")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("id", "created_at", "updated_at")
