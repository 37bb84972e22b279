"""The growth pipeline for staff: review queue, dead letters, seed queue priorities."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpResponseRedirect

from accounts.services import AuditAction, AuditedAdminMixin, audit_staff_action
from dictionary.admin.entries import CONTENT_FIELDS, METADATA_FIELDS
from dictionary.admin.forms import ReviewForm
from dictionary.models import DeadLetter, ManualReview, QueueStatus, ReviewStatus, SeedQueue
from dictionary.services.pipeline.review import (
    ReviewError,
    dead_letter_requeue,
    review_approve,
    review_reject,
)


def _names(items: list[str]) -> str:
    shown = ", ".join(items[:10])
    return shown + (f" and {len(items) - 10} more" if len(items) > 10 else "")


def _audit(request, action: str, label: str, target_id: str, **detail) -> None:
    audit_staff_action(
        request=request,
        action=action,
        target_type=f"dictionary.{label}",
        target_id=target_id,
        **detail,
    )


def _report(modeladmin, request, verb: str, done: list[str], failed: list[str]) -> None:
    if done:
        modeladmin.message_user(request, f"{verb} {len(done)}: {_names(done)}.", messages.SUCCESS)
    if failed:
        modeladmin.message_user(
            request, f"Not {verb.lower()} ({len(failed)}): {' '.join(failed)}", messages.WARNING
        )
    if not done and not failed:
        modeladmin.message_user(request, "Nothing was selected.", messages.INFO)


@admin.register(ManualReview)
class ManualReviewAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = ReviewForm
    change_form_template = "admin/dictionary/manualreview/change_form.html"
    list_display = ("term", "lang", "type", "quality_score", "status", "reason", "created_at")
    list_filter = ("status", "lang", "type")
    search_fields = ("term", "normalized_term")
    ordering = ("-created_at",)
    actions = ["approve_selected", "reject_selected"]
    readonly_fields = (
        "term",
        "lang",
        "quality_score",
        "reason",
        "status",
        "reviewed_by",
        "reviewed_at",
        "entry_id",
        "created_at",
    )
    fieldsets = (
        (None, {"fields": ("term", "lang", "type", "quality_score", "reason", "status")}),
        ("Definition", {"fields": CONTENT_FIELDS}),
        ("Metadata and references", {"fields": METADATA_FIELDS}),
        ("Review", {"fields": ("reviewer_notes", "reviewed_by", "reviewed_at", "entry_id")}),
    )

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Approve and publish selected items")
    def approve_selected(self, request, queryset) -> None:
        done, failed = [], []
        for review in queryset.filter(status=ReviewStatus.PENDING):
            try:
                review_approve(
                    review_id=review.id,
                    reviewer_id=str(request.user.pk),
                    notes="Approved in the admin",
                )
                _audit(request, AuditAction.REVIEW_APPROVE, "manualreview", review.id)
                done.append(review.term)
            except ReviewError as exc:
                failed.append(exc.message)
        skipped = queryset.exclude(status=ReviewStatus.PENDING).count()
        if skipped:
            failed.append(f"{skipped} item(s) were already decided.")
        _report(self, request, "Approved and published", done, failed)

    @admin.action(description="Reject selected items")
    def reject_selected(self, request, queryset) -> None:
        done = []
        for review in queryset.filter(status=ReviewStatus.PENDING):
            review_reject(
                review_id=review.id, reviewer_id=str(request.user.pk), notes="Rejected in the admin"
            )
            _audit(request, AuditAction.REVIEW_REJECT, "manualreview", review.id)
            done.append(review.term)
        skipped = queryset.exclude(status=ReviewStatus.PENDING).count()
        failed = [f"{skipped} item(s) were already decided."] if skipped else []
        _report(self, request, "Rejected", done, failed)

    def response_change(self, request, obj):
        if "_approve" not in request.POST:
            return super().response_change(request, obj)
        try:
            entry = review_approve(
                review_id=obj.id,
                reviewer_id=str(request.user.pk),
                content=obj.generated_content,
                type=obj.type,
                notes=obj.reviewer_notes or "Edited and approved in the admin",
            )
        except ReviewError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return HttpResponseRedirect(request.path)
        _audit(request, AuditAction.REVIEW_APPROVE, "manualreview", obj.id, edited=True)
        self.message_user(
            request, f"Saved and published '{entry.term}' ({entry.lang}).", messages.SUCCESS
        )
        return HttpResponseRedirect("../")


@admin.register(DeadLetter)
class DeadLetterAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("term", "lang", "failure_kind", "attempts", "priority", "moved_to_dlq_at")
    list_filter = ("failure_kind", "lang")
    search_fields = ("term", "failure_reason")
    ordering = ("-moved_to_dlq_at",)
    actions = ["requeue_selected"]
    readonly_fields = [f.name for f in DeadLetter._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Requeue selected terms (fresh attempts)")
    def requeue_selected(self, request, queryset) -> None:
        run_id = f"admin-{request.user.pk}"
        done = []
        for letter in queryset:
            if dead_letter_requeue(dead_letter_id=letter.id, run_id=run_id) is not None:
                _audit(request, AuditAction.REVIEW_REQUEUE, "deadletter", letter.id)
                done.append(letter.term)
        _report(self, request, "Requeued", done, [])


@admin.register(SeedQueue)
class SeedQueueAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "term",
        "lang",
        "status",
        "priority",
        "demand",
        "attempts",
        "next_attempt_at",
        "source",
        "created_at",
    )
    list_editable = ("priority",)
    list_filter = ("status", "lang", "source", "type_hint")
    search_fields = ("term", "normalized_term")
    ordering = ("status", "-priority", "created_at")
    show_full_result_count = False
    actions = ["retry_now"]
    fields = (
        "term",
        "lang",
        "type_hint",
        "priority",
        "status",
        "demand",
        "attempts",
        "next_attempt_at",
        "last_error",
        "source",
        "claimed_by",
        "created_at",
    )
    readonly_fields = (
        "term",
        "lang",
        "status",
        "demand",
        "attempts",
        "next_attempt_at",
        "last_error",
        "source",
        "claimed_by",
        "created_at",
    )

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Make selected pending items ready now (skip the backoff)")
    def retry_now(self, request, queryset) -> None:
        ready = queryset.filter(status=QueueStatus.PENDING)
        names = list(ready.values_list("term", flat=True))
        ready.update(next_attempt_at=None)
        _audit(
            request, AuditAction.ADMIN_ACTION, "seedqueue", "", name="retry_now", count=len(names)
        )
        _report(self, request, "Made ready", names, [])
