"""Reads of the scorebook, one module per sub-domain (scores, catalogue, collections,
favorites, processing). This face is what other apps may use (docs/architecture.md): the
visibility rule by id, the catalogue reads of autocomplete and recommendations, and the pure
helpers every app shares for score ids and composer names."""

from scores.composers import canonical_composer, strip_catalogue_numbers
from scores.score_ids import is_catalogue_id, normalize_score_id, score_id_for
from scores.selectors.catalogue import (
    catalogue_at_levels,
    catalogue_titles_matching,
    composers_visible,
)
from scores.selectors.scores import (
    score_get_visible,
    score_is_visible,
    score_names,
    score_rows,
)
from scores.text import fold

__all__ = [
    "canonical_composer",
    "catalogue_at_levels",
    "catalogue_titles_matching",
    "composers_visible",
    "fold",
    "is_catalogue_id",
    "normalize_score_id",
    "score_get_visible",
    "score_id_for",
    "score_is_visible",
    "score_names",
    "score_rows",
    "strip_catalogue_numbers",
]
