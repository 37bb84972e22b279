"""Writes of the dictionary, one sub-module per sub-domain; each write runs in one transaction
on the `dictionary` alias.

- `analytics`: the search_analytics row of every lookup and search, demand from misses
- `feedback`: readers' ratings and the aggregates entries show
- `entries`: writing an entry (staff, pipeline, reviews)
- `cache`: dropping cached reads when what the API shows changes
- `pipeline.queue`, `pipeline.budget`, `pipeline.processor`, `pipeline.review`: the growth pipeline
- `stats`, `exporting`, `cleanup`, `seeding`: what the operator commands run
- `userdata`: the dictionary's part of a user's export and erasure (registered in apps.py)

This face is what other apps may use: recording a lookup, a search, a batch lookup or a miss,
and submitting feedback.
"""

from dictionary.services.analytics import (
    Lookup,
    batch_record,
    miss_record,
    search_outcome_record,
    search_record,
)
from dictionary.services.bulk_import import (
    EntryRecord,
    FeedbackRecord,
    RelationRecord,
    entries_import,
    feedback_import,
    relations_import,
)
from dictionary.services.feedback import feedback_submit

__all__ = [
    "EntryRecord",
    "FeedbackRecord",
    "Lookup",
    "RelationRecord",
    "batch_record",
    "entries_import",
    "feedback_import",
    "feedback_submit",
    "miss_record",
    "relations_import",
    "search_outcome_record",
    "search_record",
]
