from __future__ import annotations

from django.urls import path

urlpatterns: list = []

from scores.api import favorites, recommendations  # noqa: E402  (issue 9)

# Favourites and recommendations (issue 9); first, so `scores/recommended` is never an id.
urlpatterns = [
    path(
        "scores/recommended", recommendations.RecommendedView.as_view(), name="scores-recommended"
    ),
    path("scores/<str:score_id>/favorite", favorites.FavoriteView.as_view(), name="score-favorite"),
    path("user/favorites", favorites.FavoriteListView.as_view(), name="user-favorites"),
    path("user/favorites/check", favorites.FavoriteCheckView.as_view(), name="favorites-check"),
    *urlpatterns,
]
