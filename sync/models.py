from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from mirubato.ids import ID_LENGTH, new_id

ENTITY_TYPES = (
    "logbook_entry",
    "goal",
    "practice_plan",
    "plan_occurrence",
    "plan_template",
    "user_preferences",
    "repertoire_item",
    "practice_session",
)
DEVICE_ID_LENGTH = 128


class SyncData(models.Model):
    """One entity a client synced (logbook entry, goal, plan, preferences...), keyed by
    (user, entity_type, entity_id). `data` is the client's JSON, kept as sent.

    `seq` is the entity's position in its user's change feed: every create, update and delete
    moves the row to the user's next position, so `seq > cursor` is exactly what changed since
    the cursor. A delete keeps the row as a tombstone (`deleted_at` set) until `purge_sync`.
    Positions come from `sync.services.writer.FeedWriter` only: write rows through it (or the
    services on top of it), never with `save()`."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    # No index of its own: both unique constraints lead with user_id and serve any lookup by
    # user. A third, user_id alone, only misled PostgreSQL: for a musician its statistics did
    # not know yet it read every row of theirs and sorted them, for each pull page, instead
    # of walking (user, seq) (12.6 ms a page against 1.6 ms; bench/README.md). The schema
    # specification's idx_sync_data_user is this prefix of (user, seq).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sync_entities",
        db_index=False,
    )
    entity_type = models.CharField(max_length=32)
    entity_id = models.CharField(max_length=255)
    data = models.JSONField()
    checksum = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)
    seq = models.BigIntegerField()
    device_id = models.CharField(max_length=DEVICE_ID_LENGTH, blank=True, default="")
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
            ),
            # Also the index every pull walks: (user, seq) never reads other users' rows.
            models.UniqueConstraint(fields=["user", "seq"], name="sync_data_user_seq_unique"),
        ]
        indexes = [
            models.Index(fields=["entity_type"], name="idx_sync_data_type"),
            models.Index(fields=["updated_at"], name="idx_sync_data_updated"),
            # purge_sync finds old tombstones without scanning live rows.
            models.Index(
                fields=["deleted_at"],
                condition=models.Q(deleted_at__isnull=False),
                name="idx_sync_data_tombstones",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entity_type}:{self.entity_id} v{self.version}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class SyncMetadata(models.Model):
    """Per-user sync state. The row is also the user's feed lock: every write to the user's
    feed locks it first, so feed positions commit in the order they are handed out."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="sync_metadata",
    )
    last_sync_token = models.CharField(max_length=255, blank=True, default="")
    last_sync_time = models.DateTimeField(null=True, blank=True)
    device_count = models.PositiveIntegerField(default=0)
    last_device_id = models.CharField(max_length=DEVICE_ID_LENGTH, blank=True, default="")
    sync_conflict_count = models.PositiveIntegerField(default=0)
    # The last feed position handed out for this user.
    last_seq = models.BigIntegerField(default=0)
    # The highest position of a purged tombstone: a cursor below it may have missed a delete.
    purged_seq = models.BigIntegerField(default=0)
    # Devices that pushed: {device_id: last push time (ISO 8601)}; bounded, newest kept.
    devices = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "sync_metadata"
        verbose_name = "sync metadata"
        verbose_name_plural = "sync metadata"

    def __str__(self) -> str:
        return f"sync metadata of {self.user_id}"


class IdempotencyKey(models.Model):
    """The stored answer of a push sent with an `Idempotency-Key`, replayed to retries with
    the same body until `expires_at`."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    key = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idempotency_keys"
    )
    request_hash = models.CharField(max_length=64)
    response = models.JSONField()
    status_code = models.PositiveSmallIntegerField(default=200)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        db_table = "idempotency_keys"
        constraints = [
            # Also the lookup index (idx_idempotency_lookup in the schema spec).
            models.UniqueConstraint(fields=["key", "user"], name="idempotency_keys_key_user_unique")
        ]
        indexes = [models.Index(fields=["expires_at"], name="idx_idempotency_expires")]

    def __str__(self) -> str:
        return f"{self.key} ({self.user_id})"
