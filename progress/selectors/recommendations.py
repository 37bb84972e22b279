"""Recommended catalogue pieces (docs/progress.md, "Recommendations"): deterministic and
explained. Candidates are visible catalogue scores for the user's instrument that are neither
in their repertoire nor already practised; each earns points for its level (closest to the
target level: a step above the highest polished piece), its composer (one the user practises
most) and its period (one of the user's pieces); ties go to the nearer level, then the title.

The profile comes from `default` (logbook, repertoire) and the catalogue from `scores`: a few
queries per database, never a join across them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from progress.selectors.overview import practice_log, repertoire_facts
from scores.selectors import (
    canonical_composer,
    catalogue_at_levels,
    is_catalogue_id,
    score_rows,
)

if TYPE_CHECKING:
    from repertoire.selectors import Entry

DEFAULT_LEVEL = 2
ENUM_LEVEL = {"beginner": 2, "intermediate": 5, "advanced": 8}
LEVEL_WINDOW = 2
MAX_CANDIDATES = 2000
TOP_COMPOSERS = 5
INSTRUMENTS = ("piano", "guitar")
SCORE_FIELDS = ("id", "title", "composer", "instrument", "difficulty", "difficulty_level")


@dataclass(frozen=True)
class Profile:
    instrument: str | None
    target_level: int
    basis: str  # polished | learning | practised | default
    composers: tuple[str, ...]  # canonical names, most practised first
    periods: frozenset[str]
    excluded: frozenset[str]  # repertoire and practised score ids (catalogue and free)


def level_of(row: dict[str, Any]) -> int:
    return row["difficulty_level"] or ENUM_LEVEL.get(row["difficulty"], DEFAULT_LEVEL)


def _composers(practices: list[Entry]) -> tuple[str, ...]:
    minutes: Counter[str] = Counter()
    names: dict[str, str] = {}
    for practice in practices:
        pieces = practice.practised_pieces
        for piece in pieces:
            if piece.composer:
                name = names.setdefault(piece.composer, canonical_composer(piece.composer))
                minutes[name] += practice.minutes / len(pieces)
    ranked = sorted(minutes, key=lambda name: (-minutes[name], name))
    return tuple(ranked[:TOP_COMPOSERS])


def _instrument(practices: list[Entry], asked: str | None) -> str | None:
    if asked:
        return asked
    minutes = Counter({name: 0.0 for name in INSTRUMENTS})
    for practice in practices:
        if practice.instrument in minutes:
            minutes[practice.instrument] += practice.minutes
    best, amount = max(minutes.items(), key=lambda item: (item[1], item[0] == "piano"))
    return best if amount > 0 else None


def _target(known: dict[str, dict[str, Any]], statuses: dict[str, str]) -> tuple[int, str]:
    """A step above the highest polished piece; else the highest piece being learnt; else
    the highest practised; else a beginner's level."""
    for basis, step in (("polished", 1), ("learning", 0)):
        levels = [level_of(row) for sid, row in known.items() if statuses.get(sid) == basis]
        if levels:
            return min(max(levels) + step, 10), basis
    practised = [level_of(row) for sid, row in known.items() if sid not in statuses]
    return (max(practised), "practised") if practised else (DEFAULT_LEVEL, "default")


def recommendation_profile(*, user: Any, instrument: str | None) -> Profile:
    practices = practice_log(user=user)
    statuses = {item.score_id: item.status for item in repertoire_facts(user=user)}
    practised = {piece.id for p in practices for piece in p.practised_pieces}
    catalogue = {sid for sid in (*statuses, *practised) if is_catalogue_id(sid)}
    rows = score_rows(user=user, score_ids=catalogue, fields=(*SCORE_FIELDS, "style_period"))
    known = {row["id"]: row for row in rows}
    level, basis = _target(known, statuses)
    return Profile(
        instrument=_instrument(practices, instrument),
        target_level=level,
        basis=basis,
        composers=_composers(practices),
        periods=frozenset(row["style_period"] for row in known.values() if row["style_period"]),
        excluded=frozenset({*statuses, *practised}),
    )


def _candidates(user: Any, profile: Profile) -> list[dict[str, Any]]:
    low, high = profile.target_level - LEVEL_WINDOW, profile.target_level + LEVEL_WINDOW
    enums = [name for name, level in ENUM_LEVEL.items() if low <= level <= high]
    return catalogue_at_levels(
        user=user,
        low=low,
        high=high,
        difficulties=enums,
        instrument=profile.instrument,
        excluded=profile.excluded,
        fields=(*SCORE_FIELDS, "style_period"),
        limit=MAX_CANDIDATES,
    )


LEVEL_REASONS = {
    "polished": "a step above the pieces you have polished",
    "learning": "the level of the pieces you are learning",
    "practised": "the level of the pieces you practise",
    "default": "a gentle place to start",
}


def _judge(row: dict[str, Any], profile: Profile, names: dict[str, str]) -> dict[str, Any]:
    level = level_of(row)
    distance = abs(level - profile.target_level)
    reasons = [
        f"level {level}, {LEVEL_REASONS[profile.basis]}"
        if distance == 0
        else f"level {level}, close to your level {profile.target_level}"
    ]
    matched, points = ["level"], 3 - distance
    composer = names.setdefault(row["composer"], canonical_composer(row["composer"]))
    if composer in profile.composers:
        matched.append("composer")
        reasons.append(f"by {composer}, whom you practise")
        points += 2
    if row["style_period"] and row["style_period"] in profile.periods:
        matched.append("period")
        reasons.append(f"{row['style_period']} period, like your pieces")
        points += 1
    reason = "; ".join(reasons)
    return {
        "score": row | {"difficulty_level": row["difficulty_level"]},
        "reason": reason[:1].upper() + reason[1:] + ".",
        "matched": matched,
        "points": points,
        "_order": (-points, distance, level, row["title"].lower(), row["id"]),
    }


def scores_recommended(*, user: Any, instrument: str | None, limit: int) -> dict[str, Any]:
    """Up to `limit` recommendations, best first, each with its reason."""
    profile = recommendation_profile(user=user, instrument=instrument)
    names: dict[str, str] = {}
    judged = sorted(
        (_judge(row, profile, names) for row in _candidates(user, profile)),
        key=lambda item: item["_order"],
    )[:limit]
    for item in judged:
        del item["_order"]
    return {
        "instrument": profile.instrument,
        "target_level": profile.target_level,
        "basis": profile.basis,
        "items": judged,
    }
