"""The dictionary's tables (all on the `dictionary` database alias)."""

from __future__ import annotations

from dictionary.models.choices import (
    EntrySource,
    EntryStatus,
    ExportFormat,
    Lang,
    QueueSource,
    QueueStatus,
    RecoveryAction,
    Relationship,
    ReviewStatus,
    TermType,
)
from dictionary.models.entries import (
    KEY_SEARCH,
    DictionaryEntry,
    RelatedTerm,
    SearchAnalytics,
    UserFeedback,
)
from dictionary.models.pipeline import (
    AiModelUsage,
    AiTokenUsage,
    DeadLetter,
    ManualReview,
    RecoveryHistory,
    SeedQueue,
)
from dictionary.models.stats import CacheMetric, DailyStatistics, ExportHistory

DB = "dictionary"

__all__ = [
    "DB",
    "KEY_SEARCH",
    "AiModelUsage",
    "AiTokenUsage",
    "CacheMetric",
    "DailyStatistics",
    "DeadLetter",
    "DictionaryEntry",
    "EntrySource",
    "EntryStatus",
    "ExportFormat",
    "ExportHistory",
    "Lang",
    "ManualReview",
    "QueueSource",
    "QueueStatus",
    "RecoveryAction",
    "RecoveryHistory",
    "RelatedTerm",
    "Relationship",
    "ReviewStatus",
    "SearchAnalytics",
    "SeedQueue",
    "TermType",
    "UserFeedback",
]
