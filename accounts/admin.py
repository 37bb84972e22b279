from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from accounts.models import LoginSession, LoginToken, User
from accounts.services.deletion import user_delete


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("-created_at",)
    list_display = (
        "email",
        "display_name",
        "auth_provider",
        "is_staff",
        "synced_entities",
        "created_at",
        "last_login",
    )
    list_filter = ("auth_provider", "is_staff", "is_superuser", "is_active")
    search_fields = ("email", "display_name")
    readonly_fields = ("id", "created_at", "updated_at", "last_login")
    fieldsets = (
        (None, {"fields": ("id", "email", "display_name", "password")}),
        ("Sign-in", {"fields": ("auth_provider", "google_id", "last_login")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("created_at", "updated_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).annotate(synced_entity_count=Count("sync_entities"))

    @admin.display(description="synced entities", ordering="synced_entity_count")
    def synced_entities(self, obj: User) -> int:
        return obj.synced_entity_count

    # Deleting here must reach the other databases too, exactly like DELETE /api/user/me.
    def delete_model(self, request: HttpRequest, obj: User) -> None:
        user_delete(user=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            user_delete(user=user)

    def get_deleted_objects(self, objs, request: HttpRequest):
        # The rows listed are erased by user_delete (every app's registered part), not by the
        # admin's cascade, so read-only admins of those rows (sync) must not block the deletion.
        deleted, model_count, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, model_count, set(), protected


@admin.register(LoginSession)
class LoginSessionAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at", "expire_date")
    list_select_related = ("user",)
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
    fields = ("user", "created_at", "expire_date")
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Revoke the selected logins (their tokens stop working)")
    def revoke(self, request: HttpRequest, queryset: QuerySet[LoginSession]) -> None:
        count, _ = queryset.delete()
        self.message_user(request, f"Revoked {count} login(s).")


@admin.register(LoginToken)
class LoginTokenAdmin(admin.ModelAdmin):
    list_display = ("email", "created_at", "expires_at", "used_at")
    search_fields = ("email",)
    fields = ("email", "created_at", "expires_at", "used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
