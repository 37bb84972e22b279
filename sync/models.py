from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from mirubato.ids import ID_LENGTH, new_id


class SyncData(models.Model):
    """One entity a client synced (logbook entry, goal, plan, preferences...), keyed by
    (user, entity_type, entity_id). `data` is the client's JSON, kept as sent."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sync_entities"
    )
    entity_type = models.CharField(max_length=32)
    entity_id = models.CharField(max_length=255)
    data = models.JSONField()
    checksum = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "sync_data"
        verbose_name = "synced entity"
        verbose_name_plural = "synced entities"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "entity_type", "entity_id"], name="sync_data_user_entity_unique"
            )
        ]
        indexes = [
            models.Index(fields=["entity_type"], name="idx_sync_data_type"),
            models.Index(fields=["updated_at"], name="idx_sync_data_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.entity_type}:{self.entity_id} v{self.version}"
