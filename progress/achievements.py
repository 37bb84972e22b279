"""The achievement catalogue and its rules (docs/progress.md, "Achievements"): pure functions.

Each rule looks at the whole logbook (oldest first) and the repertoire and answers two things:
the moment the achievement was first earned (the practice time of the entry that earned it,
wherever in the history that entry sits, so an entry synced late earns it on its own date),
and the current value shown as progress towards the target.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from progress.analytics import first_run_completion, streaks

if TYPE_CHECKING:
    from repertoire.selectors import Entry


@dataclass(frozen=True)
class RepertoireFact:
    score_id: str
    status: str
    created_at: datetime
    polished_at: datetime | None  # when its status history first moved it to polished


@dataclass(frozen=True)
class Facts:
    practices: list[Entry]  # practice entries, oldest first
    repertoire: list[RepertoireFact]
    zone: ZoneInfo
    today: date


@dataclass(frozen=True)
class Earned:
    at: datetime
    entry_id: str  # the logbook entry that earned it; "" when the repertoire did


@dataclass(frozen=True)
class Outcome:
    earned: Earned | None
    value: float


@dataclass(frozen=True)
class Achievement:
    code: str
    title: str
    description: str
    target: int
    unit: str
    rule: Callable[[Facts, int], Outcome]


def _first_entry(facts: Facts, target: int, kind: str | None = None) -> Outcome:
    chosen = [p for p in facts.practices if kind is None or p.type == kind]
    earned = Earned(chosen[0].at, chosen[0].entity_id) if chosen else None
    return Outcome(earned, min(len(chosen), target))


def _performance(facts: Facts, target: int) -> Outcome:
    return _first_entry(facts, target, "performance")


def _streak(facts: Facts, target: int) -> Outcome:
    """Earned by the first entry of the day that completes `target` consecutive days."""
    days: dict[date, Entry] = {}
    for practice in facts.practices:
        days.setdefault(practice.at.astimezone(facts.zone).date(), practice)
    current = streaks(days, today=facts.today).current
    completed = first_run_completion(days, length=target, today=facts.today)
    if completed is None:
        return Outcome(None, min(current, target))
    first = days[completed]
    return Outcome(Earned(first.at, first.entity_id), target)


def _minutes(facts: Facts, target: int) -> Outcome:
    """Earned by the entry whose minutes take the running total to `target` minutes."""
    total = 0.0
    earned = None
    for practice in facts.practices:
        total += practice.minutes
        if earned is None and total >= target:
            earned = Earned(practice.at, practice.entity_id)
    return Outcome(earned, min(round(total, 2), target))


def _distinct_pieces(facts: Facts, target: int) -> Outcome:
    seen: set[str] = set()
    earned = None
    for practice in facts.practices:
        seen.update(piece.id for piece in practice.practised_pieces)
        if earned is None and len(seen) >= target:
            earned = Earned(practice.at, practice.entity_id)
    return Outcome(earned, min(len(seen), target))


def _polished(facts: Facts, target: int) -> Outcome:
    """A piece's polish date is when its status history first moved it to polished (a later
    edit of its notes, or a move away from polished, does not change that)."""
    dates = sorted(item.polished_at for item in facts.repertoire if item.polished_at)
    earned = Earned(dates[target - 1], "") if len(dates) >= target else None
    return Outcome(earned, min(len(dates), target))


def _repertoire_size(facts: Facts, target: int) -> Outcome:
    dates = sorted(item.created_at for item in facts.repertoire if item.status != "dropped")
    earned = Earned(dates[target - 1], "") if len(dates) >= target else None
    return Outcome(earned, min(len(dates), target))


CATALOGUE: tuple[Achievement, ...] = (
    Achievement(
        "first_entry", "First note", "Log your first practice.", 1, "entries", _first_entry
    ),
    Achievement(
        "first_performance", "On stage", "Log a performance.", 1, "performances", _performance
    ),
    Achievement("streak_7", "Week streak", "Practise 7 days in a row.", 7, "days", _streak),
    Achievement("streak_30", "Month streak", "Practise 30 days in a row.", 30, "days", _streak),
    Achievement("hours_10", "10 hours", "Practise for 10 hours in all.", 600, "minutes", _minutes),
    Achievement(
        "hours_100", "100 hours", "Practise for 100 hours in all.", 6000, "minutes", _minutes
    ),
    Achievement(
        "pieces_10", "Explorer", "Practise 10 different pieces.", 10, "pieces", _distinct_pieces
    ),
    Achievement(
        "first_polished",
        "Polished",
        "Mark a piece of your repertoire as polished.",
        1,
        "pieces",
        _polished,
    ),
    Achievement(
        "repertoire_10",
        "Repertoire of ten",
        "Have 10 pieces in your repertoire (dropped ones do not count).",
        10,
        "pieces",
        _repertoire_size,
    ),
)
BY_CODE = {achievement.code: achievement for achievement in CATALOGUE}


def evaluate(facts: Facts) -> dict[str, Outcome]:
    """Every achievement's outcome, by code."""
    return {a.code: a.rule(facts, a.target) for a in CATALOGUE}
