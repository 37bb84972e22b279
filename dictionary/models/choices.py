"""The enumerations the dictionary's tables share (CHECK-style values, stored as text)."""

from __future__ import annotations

from django.db import models


class Lang(models.TextChoices):
    EN = "en", "English"
    ES = "es", "Spanish"
    FR = "fr", "French"
    DE = "de", "German"
    ZH_CN = "zh-CN", "Chinese (Simplified)"
    ZH_TW = "zh-TW", "Chinese (Traditional)"


class TermType(models.TextChoices):
    TEMPO = "tempo"
    DYNAMICS = "dynamics"
    ARTICULATION = "articulation"
    FORM = "form"
    GENRE = "genre"
    INSTRUMENT = "instrument"
    TECHNIQUE = "technique"
    THEORY = "theory"
    COMPOSER = "composer"
    PERIOD = "period"
    NOTATION = "notation"
    GENERAL = "general"


class EntryStatus(models.TextChoices):
    PUBLISHED = "published"  # served by the public API
    DRAFT = "draft"  # staff work in progress, invisible to the API


class EntrySource(models.TextChoices):
    SEED = "seed"  # shipped with the project (seed_dictionary)
    AI = "ai"  # generated and published automatically
    REVIEW = "review"  # generated, then approved by staff
    STAFF = "staff"  # written by staff in the admin


class QueueStatus(models.TextChoices):
    PENDING = "pending"
    PROCESSING = "processing"
    REVIEW = "review"  # handed to manual_review_queue
    COMPLETED = "completed"
    DEAD = "dead"  # moved to dead_letter_queue


class QueueSource(models.TextChoices):
    SEED = "seed"
    MISS = "miss"  # a lookup or search that found nothing
    STAFF = "staff"


class ReviewStatus(models.TextChoices):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class RecoveryAction(models.TextChoices):
    CLAIMED = "claimed"
    PUBLISHED = "published"
    SENT_TO_REVIEW = "sent_to_review"
    SKIPPED_EXISTING = "skipped_existing"
    RETRY_SCHEDULED = "retry_scheduled"
    MOVED_TO_DLQ = "moved_to_dlq"
    REQUEUED = "requeued"
    RESET_STALE = "reset_stale"
    BUDGET_EXHAUSTED = "budget_exhausted"


class Relationship(models.TextChoices):
    SYNONYM = "synonym"
    ANTONYM = "antonym"
    SEE_ALSO = "see_also"
    BROADER = "broader"
    NARROWER = "narrower"
    RELATED = "related"


class ExportFormat(models.TextChoices):
    JSON = "json"
    CSV = "csv"
