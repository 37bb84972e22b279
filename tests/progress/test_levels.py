"""The level formula: documented thresholds, monotone in minutes."""

from __future__ import annotations

from progress.levels import level_for, level_info, level_threshold, xp_for


def test_one_xp_is_earned_per_whole_minute():
    assert [xp_for(m) for m in (0, 0.9, 1, 59.99, 60, 1000.5)] == [0, 0, 1, 59, 60, 1000]


def test_levels_are_reached_at_the_documented_thresholds():
    assert [level_threshold(n) for n in (1, 2, 3, 4, 5, 10, 20)] == [
        0, 60, 180, 360, 600, 2700, 11400
    ]  # fmt: skip
    assert [level_for(xp) for xp in (0, 59, 60, 179, 180, 2699, 2700, 11400)] == [
        1, 1, 2, 2, 3, 9, 10, 20
    ]  # fmt: skip


def test_the_level_never_drops_when_minutes_grow():
    levels = [level_info(minutes)["level"] for minutes in range(0, 20000, 7)]
    assert levels == sorted(levels)
    assert all(level_for(level_threshold(n)) == n for n in range(1, 200))
    assert all(level_for(level_threshold(n) - 1) == n - 1 for n in range(2, 200))


def test_level_info_reports_the_way_to_the_next_level():
    info = level_info(90)
    assert info == {
        "level": 2,
        "xp": 90,
        "level_xp": 60,
        "next_level_xp": 180,
        "level_progress": 0.25,
    }
