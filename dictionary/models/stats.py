"""Daily rollups and the export log."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from dictionary.models.choices import ExportFormat
from mirubato.ids import ID_LENGTH, new_id


class CacheMetric(models.Model):
    """Hits and misses of a cache for one day (counted in the cache, rolled up daily)."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    date = models.DateField()
    cache_name = models.CharField(max_length=40)
    hits = models.PositiveIntegerField(default=0)
    misses = models.PositiveIntegerField(default=0)
    hit_rate = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "cache_metrics"
        constraints = [
            models.UniqueConstraint(fields=["date", "cache_name"], name="cache_metrics_date_name")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.cache_name}"


class DailyStatistics(models.Model):
    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    date = models.DateField(unique=True)
    total_searches = models.PositiveIntegerField(default=0)
    successful_searches = models.PositiveIntegerField(default=0)
    unique_users = models.PositiveIntegerField(default=0)
    avg_response_time_ms = models.FloatField(null=True, blank=True)
    new_entries = models.PositiveIntegerField(default=0)
    total_entries = models.PositiveIntegerField(default=0)
    reviews_pending = models.PositiveIntegerField(default=0)
    queue_pending = models.PositiveIntegerField(default=0)
    ai_calls = models.PositiveIntegerField(default=0)
    ai_tokens_used = models.PositiveIntegerField(default=0)
    cache_hit_rate = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "daily_statistics"
        verbose_name_plural = "daily statistics"

    def __str__(self) -> str:
        return str(self.date)


class ExportHistory(models.Model):
    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    format = models.CharField(max_length=10, choices=ExportFormat.choices)
    lang = models.CharField(max_length=10, blank=True, default="")
    total_entries = models.PositiveIntegerField(default=0)
    file_size_bytes = models.PositiveBigIntegerField(default=0)
    storage_path = models.CharField(max_length=500, blank=True, default="")
    requested_by = models.CharField(max_length=64, blank=True, default="")
    via = models.CharField(max_length=10, default="command")  # command | api
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "export_history"
        verbose_name_plural = "export history"

    def __str__(self) -> str:
        return f"{self.format} export of {self.total_entries} entries"
