"""dictionary/caching.py: a value is read back with the generation in one round trip, and
only while that generation is current."""

from __future__ import annotations

from django.core.cache import cache

from dictionary import caching


def test_a_kept_value_is_read_back():
    caching.keep(caching.read("term", "en", "", "forte"), ("id1", b"{}"))
    assert caching.read("term", "en", "", "forte").value == ("id1", b"{}")


def test_other_parts_read_nothing():
    caching.keep(caching.read("term", "en", "", "forte"), ("id1", b"{}"))
    assert caching.read("term", "it", "", "forte").value is None


def test_a_bump_drops_every_kept_value():
    caching.keep(caching.read("id", "id1"), b"{}")
    caching.bump()
    assert caching.read("id", "id1").value is None


def test_a_value_read_from_the_database_before_a_bump_is_kept_dead():
    """A reader that read the generation, then the old row, while an edit committed: what it
    keeps must not be served."""
    before = caching.read("id", "id1")
    caching.bump()  # the edit commits here
    caching.keep(before, b"old body")
    assert caching.read("id", "id1").value is None


def test_an_evicted_generation_never_revives_old_values():
    caching.keep(caching.read("id", "id1"), b"{}")
    cache.delete(caching.GENERATION_KEY)
    assert caching.read("id", "id1").value is None
