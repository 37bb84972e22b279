"""mirubato.lru: the bounded map behind the kept token verifications and decoded sessions."""

from __future__ import annotations

from mirubato.lru import LRU


def test_the_least_recently_used_key_goes_first_when_full():
    kept = LRU[str, int](2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # "b" is now the least recently used
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == (1, None, 3)
    assert len(kept) == 2


def test_putting_a_kept_key_again_replaces_its_value_without_growing():
    kept = LRU[str, int](2)
    kept.put("a", 1)
    kept.put("a", 2)
    assert kept.get("a") == 2 and len(kept) == 1


def test_clear_forgets_everything():
    kept = LRU[str, int](2)
    kept.put("a", 1)
    kept.clear()
    assert kept.get("a") is None and len(kept) == 0
