from __future__ import annotations

from django.urls import path, register_converter

from mirubato.api.aliases import alias
from scores.api import collection_views as collections
from scores.api import favorites, files, views


class _Segment:
    """A path id without "/" or NUL. PostgreSQL refuses NUL in a query, so an id holding one
    would be a database error; it names nothing, so the route simply does not match (404)."""

    regex = r"[^/\x00]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(_Segment, "scores_id")
SHEET_MUSIC_IDS = ("scores_", "sheet_music_")

urlpatterns = [
    path("scores", views.ScoreListView.as_view(), name="scores-list"),
    # Favourites before <score_id>, so they are never taken for ids. (`scores/recommended`,
    # the same way, is progress's: mirubato/urls.py includes progress before scores.)
    path(
        "scores/<scores_id:score_id>/favorite",
        favorites.FavoriteView.as_view(),
        name="score-favorite",
    ),
    path("user/favorites", favorites.FavoriteListView.as_view(), name="user-favorites"),
    path("user/favorites/check", favorites.FavoriteCheckView.as_view(), name="favorites-check"),
    # Fixed words before <score_id>, so `random` and `popular` are never taken for ids.
    path("scores/random", views.ScoreRandomView.as_view(), name="scores-random"),
    path("scores/popular", views.ScorePopularView.as_view(), name="scores-popular"),
    path("scores/<scores_id:score_id>", views.ScoreDetailView.as_view(), name="scores-detail"),
    # The system design's paths to the same views (`sheet-music/recommended` is progress's).
    alias("sheet-music", views.ScoreListView.as_view(), name="sheet-music", ids=SHEET_MUSIC_IDS),
    alias(
        "sheet-music/random",
        views.ScoreRandomView.as_view(),
        name="sheet-music-random",
        ids=SHEET_MUSIC_IDS,
    ),
    alias(
        "sheet-music/<scores_id:score_id>",
        views.ScoreDetailView.as_view(),
        name="sheet-music-detail",
        ids=SHEET_MUSIC_IDS,
    ),
    path(
        "scores/<scores_id:score_id>/versions",
        views.ScoreVersionsView.as_view(),
        name="scores-versions",
    ),
    path("scores/<scores_id:score_id>/pages", views.ScorePagesView.as_view(), name="scores-pages"),
    path(
        "scores/<scores_id:score_id>/pages/<int:page_number>/image",
        files.ScorePageImageView.as_view(),
        name="scores-page-image",
    ),
    path(
        "scores/<scores_id:score_id>/thumbnail",
        files.ScoreThumbnailView.as_view(),
        name="scores-thumbnail",
    ),
    path(
        "scores/<scores_id:score_id>/file/<scores_id:version_id>",
        files.ScoreFileView.as_view(),
        name="scores-file",
    ),
    path(
        "scores/<scores_id:score_id>/collections",
        collections.ScoreCollectionsView.as_view(),
        name="scores-collections",
    ),
    path("collections", collections.CollectionListView.as_view(), name="collections-list"),
    path(
        "collections/<slug:slug>",
        collections.CollectionDetailView.as_view(),
        name="collections-detail",
    ),
    path("user/collections", collections.UserCollectionListView.as_view(), name="user-collections"),
    path(
        "user/collections/<scores_id:collection_id>",
        collections.UserCollectionDetailView.as_view(),
        name="user-collections-detail",
    ),
    path(
        "user/collections/<scores_id:collection_id>/scores",
        collections.UserCollectionScoresView.as_view(),
        name="user-collections-scores",
    ),
    path(
        "user/collections/<scores_id:collection_id>/scores/<scores_id:score_id>",
        collections.UserCollectionScoreView.as_view(),
        name="user-collections-score",
    ),
    path(
        "user/collections/<scores_id:collection_id>/order",
        collections.UserCollectionOrderView.as_view(),
        name="user-collections-order",
    ),
]
