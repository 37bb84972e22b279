"""The dictionary's part of "everything about a user": feedback (exported, erased) and
search history (exported; on erasure anonymised, since the statistics need the rows)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.db import transaction

from accounts.services import UserDataPart
from dictionary.models import DB, SearchAnalytics, UserFeedback
from dictionary.services.feedback import entry_aggregates_refresh

if TYPE_CHECKING:
    from accounts.models import User
    from accounts.services import ExportSections


def _feedback(user_id: str) -> Iterator[dict[str, Any]]:
    rows = UserFeedback.objects.using(DB).filter(user_id=user_id).order_by("created_at")
    for row in rows.values(
        "id",
        "entry_id",
        "entry__term",
        "entry__lang",
        "rating",
        "helpful",
        "comment",
        "created_at",
        "updated_at",
    ).iterator(chunk_size=500):
        row["term"], row["lang"] = row.pop("entry__term"), row.pop("entry__lang")
        yield row


def _searches(user_id: str) -> Iterator[dict[str, Any]]:
    rows = SearchAnalytics.objects.using(DB).filter(user_id=user_id).order_by("searched_at")
    yield from rows.values("term", "found", "source", "search_lang", "searched_at").iterator(
        chunk_size=1000
    )


def export(user: User) -> ExportSections:
    user_id = str(user.pk)
    yield "dictionary_feedback", _feedback(user_id)
    yield "dictionary_searches", _searches(user_id)


def erase(user: User) -> dict[str, int]:
    """Feedback goes (entry aggregates recounted); searches stay for statistics, anonymised."""
    user_id = str(user.pk)
    with transaction.atomic(using=DB):
        feedback = UserFeedback.objects.using(DB).filter(user_id=user_id)
        entry_ids = list(feedback.values_list("entry_id", flat=True))
        deleted, _ = feedback.delete()
        entry_aggregates_refresh(entry_ids=entry_ids)
        anonymised = SearchAnalytics.objects.using(DB).filter(user_id=user_id).update(user_id="")
    return {"user_feedback": deleted, "search_analytics (anonymised)": anonymised}


PART = UserDataPart(name="dictionary", database=DB, export=export, erase=erase)
