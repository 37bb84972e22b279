"""Improvement over time (docs/progress.md, "Improvement"): tempo, accuracy and self-rating
trends, overall, per piece and per activity type. Pure functions over practice entries.

What is measured, per practice log that reports it:
- tempo: per piece, the piece's own tempo (else the log's `tempoPracticed`); overall and per
  activity, the fastest tempo the log reports (`stats.entry_tempo`);
- accuracy: the log's accuracy (`metadata.accuracy`, else notes correct / notes played);
- self rating: the log's `selfRating` (1 to 10).

How a trend is computed: the values in practice-time order go through `stats.trend`, the one
rule progress uses everywhere (the mean of the last 10 against the mean of the 10 before;
steady below 1 bpm, 1 point, 0.5 rating), and a series of means per day, week or month in the
caller's time zone shows the path. For tempo a piece also shows how far its latest tempo is
from the latest target tempo it was logged with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from progress import stats
from progress.analytics import period_label, period_start

if TYPE_CHECKING:
    from repertoire.selectors import Entry, Piece

METRICS = ("tempo", "accuracy", "self_rating")
STEADY = {"tempo": 1.0, "accuracy": 1.0, "self_rating": 0.5}
Values = tuple[float | None, float | None, float | None]  # in METRICS order


@dataclass(frozen=True)
class Periods:
    zone: ZoneInfo
    group_by: str
    week_start: int

    def of(self, entry: Entry) -> date:
        """The first local day of the period the entry's practice falls in."""
        return period_start(entry.at.astimezone(self.zone).date(), self.group_by, self.week_start)


def _series(values: list[float], periods: dict[date, list], metric: str, group_by: str) -> dict:
    """One metric's trend (`stats.values_trend`, the one rule) and its means per period."""
    series = [
        {
            "period": period_label(start, group_by),
            "start": start,
            "average": round(total / n, 2),
            "count": n,
        }
        for start, (total, n) in sorted(periods.items())
    ]
    return stats.values_trend(values, steady=STEADY[metric]) | {"series": series}


class _Group:
    """One group's logs: per metric (in METRICS order) its values in time order and
    [sum, count] per period. `add` runs three times per log and piece (30,000 calls for
    10,000 logs), so it works on plain lists."""

    __slots__ = ("logs", "periods", "target", "values")

    def __init__(self) -> None:
        self.logs = 0
        self.values: tuple[list[float], ...] = ([], [], [])
        self.periods: tuple[dict[date, list], ...] = ({}, {}, {})
        self.target: float | None = None  # the latest target tempo logged

    def add(self, values: Values, period: date, target: float | None) -> None:
        self.logs += 1
        for value, found, sums in zip(values, self.values, self.periods, strict=True):
            if value is None:
                continue
            found.append(value)
            totals = sums.get(period)
            if totals is None:
                sums[period] = [value, 1]
            else:
                totals[0] += value
                totals[1] += 1
        if target is not None:
            self.target = target

    def trends(self, group_by: str) -> dict[str, Any]:
        return {
            metric: _series(self.values[n], self.periods[n], metric, group_by)
            for n, metric in enumerate(METRICS)
        }

    @property
    def measured(self) -> bool:
        return any(self.values)

    @property
    def tempo_of_target(self) -> float | None:
        tempos = self.values[0]
        return round(100 * tempos[-1] / self.target, 1) if tempos and self.target else None


def _log_values(entry: Entry) -> Values:
    """(tempo, accuracy, self rating) of a log, in METRICS order."""
    rating = float(entry.self_rating) if entry.self_rating is not None else None
    return (stats.entry_tempo(entry), entry.accuracy, rating)


def _piece_values(entry: Entry, piece: Piece, log_values: Values) -> Values:
    return (entry.tempo_of(piece), log_values[1], log_values[2])


def _piece_row(piece_id: str, name: tuple[str, str], group: _Group, group_by: str) -> dict:
    return {
        "piece_id": piece_id,
        "title": name[0],
        "composer": name[1],
        "logs": group.logs,
        "target_tempo": group.target,
        "tempo_of_target": group.tempo_of_target,
    } | group.trends(group_by)


def _ordered(groups: dict[Any, _Group]) -> Iterable[tuple[Any, _Group]]:
    """Groups with a measured value, the most logs first."""
    ranked = sorted(groups.items(), key=lambda kv: (-kv[1].logs, str(kv[0])))
    return ((key, group) for key, group in ranked if group.measured)


def improvement(practices: list[Entry], *, periods: Periods) -> dict[str, Any]:
    """Trends of the practices (oldest first, each with a time): overall, per piece (only
    pieces with a measured value), per activity type (logs without one are `unknown`)."""
    overall, pieces, activities = _Group(), defaultdict(_Group), defaultdict(_Group)
    names: dict[str, tuple[str, str]] = {}
    for entry in practices:
        period, values, target = periods.of(entry), _log_values(entry), entry.target_tempo
        overall.add(values, period, target)
        activities[entry.activity_type or "unknown"].add(values, period, target)
        for piece in entry.practised_pieces:
            names[piece.id] = (piece.title, piece.composer)  # the latest spelling wins
            pieces[piece.id].add(_piece_values(entry, piece, values), period, target)
    group_by = periods.group_by
    return {
        "logs": len(practices),
        "overall": overall.trends(group_by),
        "by_piece": [_piece_row(k, names[k], g, group_by) for k, g in _ordered(pieces)],
        "by_activity": [
            {"activity_type": k, "logs": g.logs} | g.trends(group_by)
            for k, g in _ordered(activities)
        ],
    }
