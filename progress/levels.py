"""Experience points and levels (docs/progress.md, "Levels").

- XP: one point per whole minute practised: `xp = floor(minutes)`.
- Level n is reached at `30 * n * (n - 1)` XP: level 1 at 0, 2 at 1 hour, 3 at 3 hours,
  4 at 6 hours, 5 at 10 hours, 10 at 45 hours, 20 at 190 hours. Each level takes 60 XP more
  than the one before.

Both are monotone: more minutes never give fewer points, more points never a lower level, so
an added entry can only raise a level and a deleted one only lower it.
"""

from __future__ import annotations

import math
from typing import Any

LEVEL_STEP_XP = 30


def xp_for(minutes: float) -> int:
    return max(0, math.floor(minutes))


def level_threshold(level: int) -> int:
    """The XP at which `level` is reached."""
    return LEVEL_STEP_XP * level * (level - 1)


def level_for(xp: int) -> int:
    """The largest n with 30*n*(n-1) <= xp, in integers: n(n-1) <= q iff (2n-1)^2 <= 4q+1."""
    q = max(0, xp) // LEVEL_STEP_XP
    return (math.isqrt(4 * q + 1) + 1) // 2


def level_info(minutes: float) -> dict[str, Any]:
    """Level, XP and the way to the next level, for a number of practised minutes."""
    xp = xp_for(minutes)
    level = level_for(xp)
    floor, ceiling = level_threshold(level), level_threshold(level + 1)
    return {
        "level": level,
        "xp": xp,
        "level_xp": floor,
        "next_level_xp": ceiling,
        "level_progress": round((xp - floor) / (ceiling - floor), 3),
    }
