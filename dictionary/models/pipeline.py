"""The growth pipeline: seed queue, token ledger, review, dead letters, recovery log."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from dictionary.models.choices import (
    Lang,
    QueueSource,
    QueueStatus,
    RecoveryAction,
    ReviewStatus,
    TermType,
)
from mirubato.ids import ID_LENGTH, new_id


class SeedQueue(models.Model):
    """A term waiting to be written, once per (normalized term, language)."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    term = models.CharField(max_length=200)
    normalized_term = models.CharField(max_length=200)
    lang = models.CharField(max_length=10, choices=Lang.choices, default=Lang.EN)
    type_hint = models.CharField(max_length=20, choices=TermType.choices, blank=True, default="")
    priority = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    # How many lookups missed this term; priority grows with it.
    demand = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=12, choices=QueueStatus.choices, default=QueueStatus.PENDING
    )
    source = models.CharField(max_length=10, choices=QueueSource.choices, default=QueueSource.MISS)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True, default="")
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "seed_queue"
        constraints = [
            models.UniqueConstraint(
                fields=["normalized_term", "lang"], name="seed_queue_term_lang"
            ),
            models.CheckConstraint(
                condition=Q(priority__gte=1, priority__lte=10), name="seed_queue_priority_1_10"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-priority", "created_at"], name="seed_queue_claim"),
        ]

    def __str__(self) -> str:
        return f"{self.term} [{self.lang}] ({self.status})"


class AiTokenUsage(models.Model):
    """Daily token ledger per model: the budget is checked against today's sum."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    date = models.DateField()
    model = models.CharField(max_length=100)
    prompt_tokens = models.PositiveIntegerField(default=0)
    completion_tokens = models.PositiveIntegerField(default=0)
    tokens_used = models.PositiveIntegerField(default=0)
    calls = models.PositiveIntegerField(default=0)
    terms_processed = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "ai_token_usage"
        verbose_name_plural = "AI token usage"
        constraints = [
            models.UniqueConstraint(fields=["date", "model"], name="ai_token_usage_date_model")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.model}: {self.tokens_used} tokens"


class AiModelUsage(models.Model):
    """One row per provider call, successful or not."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    model_name = models.CharField(max_length=100, db_index=True)
    provider = models.CharField(max_length=50, default="openai-compatible")
    operation_type = models.CharField(max_length=20, default="generation")
    prompt_tokens = models.PositiveIntegerField(default=0)
    completion_tokens = models.PositiveIntegerField(default=0)
    total_tokens = models.PositiveIntegerField(default=0)
    latency_ms = models.PositiveIntegerField(default=0)
    success = models.BooleanField()
    error_message = models.TextField(blank=True, default="")
    queue_item_id = models.CharField(max_length=ID_LENGTH, blank=True, default="")
    entry_id = models.CharField(max_length=ID_LENGTH, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "ai_model_usage"
        verbose_name_plural = "AI model usage"

    def __str__(self) -> str:
        return f"{self.model_name} {self.created_at:%Y-%m-%d %H:%M} ({self.total_tokens} tokens)"


class ManualReview(models.Model):
    """A generated (or empty, with no provider) entry waiting for staff."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    queue_item_id = models.CharField(max_length=ID_LENGTH, blank=True, default="")
    term = models.CharField(max_length=200)
    normalized_term = models.CharField(max_length=200, db_index=True)
    lang = models.CharField(max_length=10, choices=Lang.choices, default=Lang.EN)
    type = models.CharField(max_length=20, choices=TermType.choices, default=TermType.GENERAL)
    # {definition: {...}, references: {...}, metadata: {...}}; empty when nothing was generated.
    generated_content = models.JSONField(default=dict, blank=True)
    quality_score = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField()
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    reviewer_notes = models.TextField(blank=True, default="")
    reviewed_by = models.CharField(max_length=ID_LENGTH, blank=True, default="")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    entry_id = models.CharField(max_length=ID_LENGTH, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "manual_review_queue"
        verbose_name = "manual review item"
        indexes = [models.Index(fields=["status", "created_at"], name="review_status_created")]

    def __str__(self) -> str:
        return f"{self.term} [{self.lang}]"


class DeadLetter(models.Model):
    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    original_id = models.CharField(max_length=ID_LENGTH, unique=True)
    term = models.CharField(max_length=200)
    lang = models.CharField(max_length=10, choices=Lang.choices, default=Lang.EN)
    priority = models.PositiveSmallIntegerField(default=5)
    attempts = models.PositiveSmallIntegerField(default=0)
    failure_kind = models.CharField(max_length=30, blank=True, default="")
    failure_reason = models.TextField()
    original_created_at = models.DateTimeField()
    moved_to_dlq_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        db_table = "dead_letter_queue"
        verbose_name = "dead letter"

    def __str__(self) -> str:
        return f"{self.term} [{self.lang}]"


class RecoveryHistory(models.Model):
    """Every step the pipeline takes with a queue item, with the run that took it."""

    id = models.CharField(primary_key=True, max_length=ID_LENGTH, default=new_id, editable=False)
    run_id = models.CharField(max_length=64, db_index=True)
    queue_item_id = models.CharField(max_length=ID_LENGTH, blank=True, default="")
    term = models.CharField(max_length=200)
    action = models.CharField(max_length=20, choices=RecoveryAction.choices)
    error_kind = models.CharField(max_length=30, blank=True, default="")
    detail = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "recovery_history"
        verbose_name_plural = "recovery history"
        indexes = [models.Index(fields=["created_at", "action"], name="recovery_created_action")]

    def __str__(self) -> str:
        return f"{self.term}: {self.action}"
