"""manage.py purge_orphan_files on the filesystem storage: stored files under scores/ that no
row points at are removed once older than the grace period; files rows point at, young files
(an upload or a render in flight) and files outside scores/ stay. (On S3: test_s3_storage.)"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from tests.scores.factories import ScorePageFactory, ScoreVersionFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])
HOURS_AGO = time.time() - 3 * 3600


def stored(name: str, *, old: bool = True) -> str:
    name = default_storage.save(name, ContentFile(b"data"))
    if old:
        os.utime(default_storage.path(name), (HOURS_AGO, HOURS_AGO))
    return name


def purge(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_orphan_files", *args, stdout=out)
    return out.getvalue()


def files(settings) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_only_old_files_no_row_points_at_are_removed(settings):
    version = ScoreVersionFactory()
    page = ScorePageFactory(score=version.score, version=version, page_number=1)
    kept = [stored(version.file.name), stored(page.image.name)]
    kept.append(stored(f"scores/{version.score_id}/{version.id}/pages/0002.webp", old=False))
    kept.append(stored("other-app/readme.txt"))
    orphans = [
        stored(f"scores/{version.score_id}/{version.id}/pages/0009.webp"),  # a render cut short
        stored("scores/score_gone/01GONE/original.pdf"),  # an upload whose rows failed
    ]

    output = purge("--dry-run")
    assert all(f"would remove {name}" in output for name in orphans)
    assert "would remove 2 of 2 orphan file(s) older than 60 minutes among 5 stored" in output
    assert files(settings) == sorted(kept + orphans)

    output = purge()
    assert "removed 2 of 2 orphan file(s)" in output
    assert files(settings) == sorted(kept)
    assert "removed 0 of 0" in purge()  # idempotent


def test_the_grace_period_can_be_shortened_and_never_made_negative(settings):
    young = stored("scores/score_gone/01GONE/original.pdf", old=False)
    assert "removed 0 of 0" in purge()
    assert files(settings) == [young]
    purge("--older-than", "0")
    assert files(settings) == []
    with pytest.raises(CommandError, match="must be 0 or more"):
        purge("--older-than", "-5")
