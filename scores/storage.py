"""Where a score's files live in Django's storage (filesystem by default, S3 via
django-storages): every key is under `scores/<score id>/`, so one score's files never mix with
another's, and deleting a score can find all of its files from its rows."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from scores.models import Score, ScorePage, ScoreVersion

logger = logging.getLogger(__name__)


def score_key(score_id: str, *parts: str) -> str:
    return "/".join(("scores", score_id, *parts))


def save_bytes(key: str, data: bytes) -> str:
    """Stores `data` under `key` (replacing any previous file) and returns the stored name."""
    if default_storage.exists(key):
        default_storage.delete(key)
    return default_storage.save(key, ContentFile(data))


def read_bytes(key: str) -> bytes:
    with default_storage.open(key, "rb") as handle:
        return handle.read()


def file_keys(score_ids: Iterable[str]) -> list[str]:
    """Every stored key that rows of these scores point at."""
    ids = list(score_ids)
    keys: list[str] = []
    for name, extra in ScoreVersion.objects.filter(score_id__in=ids).values_list(
        "file", "source_keys"
    ):
        keys.extend([name, *(extra or [])])
    keys.extend(ScorePage.objects.filter(score_id__in=ids).values_list("image", flat=True))
    keys.extend(
        Score.objects.filter(pk__in=ids).exclude(thumbnail="").values_list("thumbnail", flat=True)
    )
    return sorted({key for key in keys if key})


def delete_keys(keys: Iterable[str]) -> int:
    deleted = 0
    for key in keys:
        try:
            if default_storage.exists(key):
                default_storage.delete(key)
                deleted += 1
        except OSError:
            # A file that cannot be removed now is an orphan, never a reason to keep the rows.
            logger.warning("could not delete stored file %s", key, exc_info=True)
    return deleted


def delete_keys_on_commit(keys: Iterable[str]) -> None:
    """Deletes the files once the rows' deletion is committed, so a rollback loses nothing."""
    pending = list(keys)
    if pending:
        transaction.on_commit(lambda: delete_keys(pending), using="scores")
