from __future__ import annotations

from django.urls import path

from scores.api import collection_views as collections
from scores.api import files, views

urlpatterns = [
    path("scores", views.ScoreListView.as_view(), name="scores-list"),
    # Fixed words before <score_id>, so `random` and `popular` are never taken for ids.
    path("scores/random", views.ScoreRandomView.as_view(), name="scores-random"),
    path("scores/popular", views.ScorePopularView.as_view(), name="scores-popular"),
    path("scores/<str:score_id>", views.ScoreDetailView.as_view(), name="scores-detail"),
    path(
        "scores/<str:score_id>/versions", views.ScoreVersionsView.as_view(), name="scores-versions"
    ),
    path("scores/<str:score_id>/pages", views.ScorePagesView.as_view(), name="scores-pages"),
    path(
        "scores/<str:score_id>/pages/<int:page_number>/image",
        files.ScorePageImageView.as_view(),
        name="scores-page-image",
    ),
    path(
        "scores/<str:score_id>/thumbnail",
        files.ScoreThumbnailView.as_view(),
        name="scores-thumbnail",
    ),
    path(
        "scores/<str:score_id>/file/<str:version_id>",
        files.ScoreFileView.as_view(),
        name="scores-file",
    ),
    path(
        "scores/<str:score_id>/collections",
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
        "user/collections/<str:collection_id>",
        collections.UserCollectionDetailView.as_view(),
        name="user-collections-detail",
    ),
    path(
        "user/collections/<str:collection_id>/scores",
        collections.UserCollectionScoresView.as_view(),
        name="user-collections-scores",
    ),
    path(
        "user/collections/<str:collection_id>/scores/<str:score_id>",
        collections.UserCollectionScoreView.as_view(),
        name="user-collections-score",
    ),
    path(
        "user/collections/<str:collection_id>/order",
        collections.UserCollectionOrderView.as_view(),
        name="user-collections-order",
    ),
]
