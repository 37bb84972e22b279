"""Writes of the scorebook, one module per sub-domain: scores (owner edits, deletion,
counters), uploads (file checks, storage, new uploads), collections, favorites, importer,
processing, userdata (export and erasure). This face exports the writes behind the REST API's
own views, for a second wire onto them (`legacy`, docs/architecture.md); add here what another
app comes to need."""

from scores.services.bulk_import import (
    AnalyticsRecord,
    ScoreRecord,
    analytics_import,
    scores_import,
)
from scores.services.bulk_import_collections import (
    CuratedRecord,
    FavoriteRecord,
    MemberRecord,
    UserCollectionRecord,
    curated_import,
    favorites_import,
    members_import,
    user_collections_import,
)
from scores.services.collections import (
    collection_create,
    collection_default_ensure,
    collection_delete,
    collection_score_add,
    collection_score_remove,
    collection_update,
)
from scores.services.favorites import favorite_add, favorite_remove
from scores.services.scores import analytics_increment, score_delete
from scores.services.uploads import score_upload

__all__ = [
    "AnalyticsRecord",
    "CuratedRecord",
    "FavoriteRecord",
    "MemberRecord",
    "ScoreRecord",
    "UserCollectionRecord",
    "analytics_import",
    "analytics_increment",
    "collection_create",
    "collection_default_ensure",
    "collection_delete",
    "collection_score_add",
    "collection_score_remove",
    "collection_update",
    "curated_import",
    "favorite_add",
    "favorite_remove",
    "favorites_import",
    "members_import",
    "score_delete",
    "score_upload",
    "scores_import",
    "user_collections_import",
]
