"""Dropping the cached reads when what the public API shows changes (dictionary/caching.py)."""

from __future__ import annotations

from dictionary import caching
from dictionary.models import DB


def cache_invalidate() -> None:
    """Drop every cached dictionary read: now, and again once the writing transaction
    commits (a reader between the two could otherwise cache the old rows)."""
    caching.bump_now_and_on_commit(using=DB)
