"""Entries, feedback and relations in the admin."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone

from accounts.services import AuditedAdminMixin
from dictionary.admin.forms import EntryForm
from dictionary.models import DictionaryEntry, RelatedTerm, UserFeedback

CONTENT_FIELDS = (
    "concise",
    "detailed",
    "etymology",
    "pronunciation",
    "usage_example",
)
METADATA_FIELDS = ("categories", "instruments", "related_terms", "synonyms", "wikipedia_url")


class QualityBandFilter(admin.SimpleListFilter):
    title = "quality"
    parameter_name = "quality"
    BANDS = {
        "excellent": Q(overall_score__gte=90),
        "good": Q(overall_score__gte=70, overall_score__lt=90),
        "fair": Q(overall_score__gte=50, overall_score__lt=70),
        "poor": Q(overall_score__lt=50),
        "unscored": Q(overall_score__isnull=True),
    }

    def lookups(self, request, model_admin):
        return [
            ("excellent", "90 and above"),
            ("good", "70 to 89"),
            ("fair", "50 to 69"),
            ("poor", "below 50"),
            ("unscored", "not scored"),
        ]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value() or "")
        return queryset.filter(band) if band is not None else queryset


@admin.register(DictionaryEntry)
class DictionaryEntryAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = EntryForm
    list_display = (
        "term",
        "lang",
        "type",
        "status",
        "overall_score",
        "search_count",
        "feedback_count",
        "source",
        "updated_at",
    )
    list_filter = ("lang", "type", QualityBandFilter, "status", "source")
    search_fields = ("term", "normalized_term", "search_key")
    ordering = ("normalized_term", "lang")
    list_per_page = 50
    show_full_result_count = False
    readonly_fields = (
        "normalized_term",
        "search_key",
        "version",
        "search_count",
        "feedback_count",
        "rating_average",
        "helpful_count",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("term", "lang", "type", "status", "overall_score")}),
        ("Definition", {"fields": CONTENT_FIELDS}),
        ("Metadata and references", {"fields": METADATA_FIELDS}),
        ("Keys and counters", {"classes": ("collapse",), "fields": readonly_fields}),
    )

    def save_model(self, request, obj, form, change) -> None:
        if change:
            obj.version += 1
        obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)  # post_save drops cached lookups


@admin.register(UserFeedback)
class UserFeedbackAdmin(admin.ModelAdmin):
    list_display = ("entry", "user_id", "rating", "helpful", "updated_at")
    list_filter = ("rating", "helpful")
    search_fields = ("entry__term", "user_id", "comment")
    list_select_related = ("entry",)
    raw_id_fields = ("entry",)
    readonly_fields = (
        "entry",
        "user_id",
        "rating",
        "helpful",
        "comment",
        "created_at",
        "updated_at",
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RelatedTerm)
class RelatedTermAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("entry", "relationship_type", "related_entry", "confidence")
    list_filter = ("relationship_type",)
    search_fields = ("entry__term", "related_entry__term")
    list_select_related = ("entry", "related_entry")
    raw_id_fields = ("entry", "related_entry")
