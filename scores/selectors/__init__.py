"""Reads of the scorebook, one module per sub-domain (scores, catalogue, collections,
favorites, processing). This face is what other apps may use (docs/architecture.md): the
visibility rule by id, the catalogue reads of autocomplete and recommendations, the pure
helpers every app shares for score ids and composer names, and the reads behind the REST
API's own views (catalogue pages, a score's detail, versions and pages, collections,
favourites) for a second wire onto them (`legacy`)."""

from scores.composers import canonical_composer, strip_catalogue_numbers
from scores.score_ids import is_catalogue_id, normalize_score_id, score_id_for
from scores.selectors.catalogue import (
    catalogue_at_levels,
    catalogue_page,
    catalogue_titles_matching,
    composers_visible,
)
from scores.selectors.collections import (
    collections_containing,
    curated_detail,
    curated_page,
    user_collection_detail,
    user_collection_owned,
    user_collection_readable,
    user_collections_page,
)
from scores.selectors.favorites import favorite_get, favorites_check
from scores.selectors.scores import (
    is_owner,
    score_detail,
    score_get_visible,
    score_is_visible,
    score_names,
    score_page_get,
    score_pages,
    score_rows,
    score_version_get,
    score_versions,
)
from scores.text import fold, slugify
from scores.visibility import can_view, viewer_id

__all__ = [
    "can_view",
    "canonical_composer",
    "catalogue_at_levels",
    "catalogue_page",
    "catalogue_titles_matching",
    "collections_containing",
    "composers_visible",
    "curated_detail",
    "curated_page",
    "favorite_get",
    "favorites_check",
    "fold",
    "is_catalogue_id",
    "is_owner",
    "normalize_score_id",
    "score_detail",
    "score_get_visible",
    "score_id_for",
    "score_is_visible",
    "score_names",
    "score_page_get",
    "score_pages",
    "score_rows",
    "score_version_get",
    "score_versions",
    "slugify",
    "strip_catalogue_numbers",
    "user_collection_detail",
    "user_collection_owned",
    "user_collection_readable",
    "user_collections_page",
    "viewer_id",
]
