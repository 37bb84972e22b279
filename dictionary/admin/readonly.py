"""Usage and statistics: read-only in the admin (the pipeline and commands write them)."""

from __future__ import annotations

from django.contrib import admin

from dictionary.models import (
    AiModelUsage,
    AiTokenUsage,
    CacheMetric,
    DailyStatistics,
    ExportHistory,
    RecoveryHistory,
    SearchAnalytics,
)
from mirubato.admin import ReadOnlyAdmin


@admin.register(AiTokenUsage)
class AiTokenUsageAdmin(ReadOnlyAdmin):
    list_display = (
        "date",
        "model",
        "tokens_used",
        "prompt_tokens",
        "completion_tokens",
        "calls",
        "terms_processed",
    )
    list_filter = ("model",)
    date_hierarchy = "date"
    ordering = ("-date",)


@admin.register(AiModelUsage)
class AiModelUsageAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "model_name",
        "success",
        "total_tokens",
        "latency_ms",
        "error_message",
    )
    list_filter = ("success", "model_name", "operation_type")
    ordering = ("-created_at",)


@admin.register(DailyStatistics)
class DailyStatisticsAdmin(ReadOnlyAdmin):
    list_display = (
        "date",
        "total_searches",
        "successful_searches",
        "unique_users",
        "avg_response_time_ms",
        "new_entries",
        "total_entries",
        "ai_tokens_used",
        "cache_hit_rate",
        "reviews_pending",
    )
    ordering = ("-date",)


@admin.register(CacheMetric)
class CacheMetricAdmin(ReadOnlyAdmin):
    list_display = ("date", "cache_name", "hits", "misses", "hit_rate")
    ordering = ("-date",)


@admin.register(ExportHistory)
class ExportHistoryAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "format",
        "lang",
        "total_entries",
        "file_size_bytes",
        "via",
        "requested_by",
        "storage_path",
    )
    list_filter = ("format", "via")
    ordering = ("-created_at",)


@admin.register(RecoveryHistory)
class RecoveryHistoryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "term", "action", "error_kind", "run_id", "detail")
    list_filter = ("action", "error_kind")
    search_fields = ("term", "run_id")
    ordering = ("-created_at",)


@admin.register(SearchAnalytics)
class SearchAnalyticsAdmin(ReadOnlyAdmin):
    list_display = ("searched_at", "term", "found", "source", "search_lang", "response_time_ms")
    list_filter = ("found", "source", "search_lang")
    search_fields = ("normalized_term",)
    ordering = ("-searched_at",)
