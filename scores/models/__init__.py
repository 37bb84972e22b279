"""The scorebook's tables (all on the `scores` database alias): scores with their versions,
pages and counters, collections, favourites."""

from __future__ import annotations

from scores.models.choices import ProcessingStatus, Visibility
from scores.models.collections import Collection, CollectionMember, UserCollection
from scores.models.favorites import ScoreFavorite
from scores.models.scores import (
    DESCRIPTIVE_FIELDS,
    SEARCH_FIELDS,
    STATE_FIELDS,
    TEXT_SEARCH,
    Score,
    ScoreAnalytics,
    ScorePage,
    ScoreVersion,
)

DB = "scores"

__all__ = [
    "DB",
    "DESCRIPTIVE_FIELDS",
    "SEARCH_FIELDS",
    "STATE_FIELDS",
    "TEXT_SEARCH",
    "Collection",
    "CollectionMember",
    "ProcessingStatus",
    "Score",
    "ScoreAnalytics",
    "ScoreFavorite",
    "ScorePage",
    "ScoreVersion",
    "UserCollection",
    "Visibility",
]
