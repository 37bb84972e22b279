"""The original scores service's paths (VITE_SCORES_API_URL = .../legacy), mounted under
`api/` by legacy/urls.py. Fixed words come before ids, so `batch` or `user` is never taken for
one; a path that matches nothing here falls through to the other legacy areas."""

from __future__ import annotations

from django.urls import path, register_converter

from legacy.scorebook import collection_views as collections
from legacy.scorebook import views


class _Segment:
    """An id without "/" or NUL (PostgreSQL refuses NUL in a query; such an id names
    nothing, so the route does not match: a 404)."""

    regex = r"[^/\x00]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(_Segment, "legacy_id")

urlpatterns = [
    # K1, K6, K15, K2, K19; KU1, KU2
    path("scores", views.ScoreListView.as_view()),
    path("scores/user/library", views.LibraryView.as_view()),
    path("scores/batch/delete", views.BatchDeleteView.as_view()),
    path("scores/<legacy_id:score_id>", views.ScoreDetailView.as_view()),
    path("scores/<legacy_id:score_id>/metadata", views.ScoreMetadataView.as_view()),
    path("scores/<legacy_id:score_id>/download/pdf", views.PdfDownloadView.as_view()),
    path("scores/<legacy_id:score_id>/pages/<int:page_number>", views.PageImageView.as_view()),
    # K20; KU3, KU4
    path("pdf/v2/render-status/<legacy_id:score_id>", views.RenderStatusView.as_view()),
    path("pdf/v2/thumbnail/<legacy_id:score_id>", views.ThumbnailView.as_view()),
    path(
        "pdf/v2/render/<legacy_id:score_id>/page/<int:page_number>",
        views.PageImageView.as_view(),
    ),
    # K22, K24, K23
    path("import/pdf", views.ImportPdfView.as_view()),
    path("import/images", views.ImportImagesView.as_view()),
    path("import", views.ImportUrlView.as_view()),
    # K3/K4, K16, K5
    path("collections", collections.CollectionListView.as_view()),
    path("collections/shared/with-me", collections.SharedWithMeView.as_view()),
    path("collections/<slug:slug>", collections.CollectionDetailView.as_view()),
    # K7/K9, K17, K18, K8/K10/K11, K12, K14, K13
    path("user/collections", collections.UserCollectionListView.as_view()),
    path(
        "user/collections/score/<legacy_id:score_id>",
        collections.ScoreCollectionsView.as_view(),
    ),
    path(
        "user/collections/batch/score-collections",
        collections.BatchScoreCollectionsView.as_view(),
    ),
    path(
        "user/collections/<legacy_id:collection_id>",
        collections.UserCollectionDetailView.as_view(),
    ),
    path(
        "user/collections/<legacy_id:collection_id>/scores",
        collections.CollectionScoresView.as_view(),
    ),
    path(
        "user/collections/<legacy_id:collection_id>/scores/batch",
        collections.CollectionBatchAddView.as_view(),
    ),
    path(
        "user/collections/<legacy_id:collection_id>/scores/<legacy_id:score_id>",
        collections.CollectionScoreView.as_view(),
    ),
    # K25, K26
    path("user/favorites/batch/check", collections.FavoriteBatchCheckView.as_view()),
    path(
        "user/favorites/<legacy_id:score_id>/toggle",
        collections.FavoriteToggleView.as_view(),
    ),
]
