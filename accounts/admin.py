from __future__ import annotations

from collections import Counter

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest

from accounts.models import AuditAction, AuditEvent, AuditPseudonym, LoginSession, LoginToken, User
from accounts.services.audit import USER_TARGET, AuditedAdminMixin, audit_staff_action
from accounts.services.deletion import user_delete
from mirubato.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(AuditedAdminMixin, BaseUserAdmin):
    ordering = ("-created_at",)
    # Django 6 will default URL fields to https; say so now rather than take a warning per form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
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
        ("Profile", {"fields": ("avatar_url", "primary_instrument", "skill_level")}),
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
        user_delete(user=obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            user_delete(user=user, actor=request.user)

    def get_deleted_objects(self, objs, request: HttpRequest):
        # The rows listed are erased by user_delete (every app's registered part), not by the
        # admin's cascade, so read-only admins of those rows (sync) must not block the deletion.
        deleted, model_count, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, model_count, set(), protected


@admin.register(LoginSession)
class LoginSessionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("user", "created_at", "expire_date")
    list_select_related = ("user",)
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
    fields = ("user", "created_at", "expire_date")
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def audit_target(self, obj: LoginSession) -> dict:
        # A session key is a credential: the trail names the login's owner instead.
        return {"subject": obj.user} if obj.user_id else {"target_type": "accounts.loginsession"}

    @admin.action(description="Revoke the selected logins (their tokens stop working)")
    def revoke(self, request: HttpRequest, queryset: QuerySet[LoginSession]) -> None:
        owners = Counter(queryset.values_list("user_id", flat=True))
        count, _ = queryset.delete()
        for user in User.objects.filter(pk__in=[pk for pk in owners if pk]):
            audit_staff_action(
                request=request,
                action=AuditAction.LOGIN_REVOKE,
                subject=user,
                logins=owners[user.pk],
            )
        self.message_user(request, f"Revoked {count} login(s).")


@admin.register(LoginToken)
class LoginTokenAdmin(admin.ModelAdmin):
    list_display = ("email", "created_at", "expires_at", "used_at")
    search_fields = ("email",)
    fields = ("email", "created_at", "expires_at", "used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


def _email_of(ref_field: str) -> Subquery:
    """The address of the living account behind a pseudonym column (None once deleted)."""
    owner = AuditPseudonym.objects.filter(ref=OuterRef(ref_field)).values("user__email")
    return Subquery(owner[:1])


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit trail, read-only. People show as pseudonyms; while an account exists staff
    see whose it is, and can search by its address."""

    list_display = ("at", "action", "actor", "actor_is_staff", "target", "request_id")
    list_filter = ("action", ("at", admin.DateFieldListFilter), "actor_is_staff", "target_type")
    search_fields = ("=actor_ref", "=target_id", "=request_id", "target_type")
    date_hierarchy = "at"
    ordering = ("-at",)
    fields = (
        "at",
        "action",
        "actor_ref",
        "actor_is_staff",
        "target_type",
        "target_id",
        "request_id",
        "detail",
    )
    readonly_fields = fields

    def get_search_results(self, request, queryset, search_term):
        """An address finds the events by and about its account (while it exists)."""
        found, duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if "@" in term:
            ref = AuditPseudonym.objects.filter(user__email__iexact=term).values("ref")
            about = Q(actor_ref__in=ref) | Q(target_type=USER_TARGET, target_id__in=ref)
            found = queryset.filter(about)
        return found, duplicates

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(actor_email=_email_of("actor_ref"), target_email=_email_of("target_id"))
        )

    @staticmethod
    def _name(ref: str, email: str | None) -> str:
        if not ref:
            return "—"
        return f"{email} ({ref[:8]})" if email else f"deleted or unknown ({ref[:8]})"

    @admin.display(description="actor", ordering="actor_ref")
    def actor(self, event: AuditEvent) -> str:
        return self._name(event.actor_ref, event.actor_email)

    @admin.display(description="target")
    def target(self, event: AuditEvent) -> str:
        if event.target_type == USER_TARGET:
            return f"user {self._name(event.target_id, event.target_email)}"
        return f"{event.target_type} {event.target_id}".strip() or "—"
