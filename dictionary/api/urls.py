from __future__ import annotations

from django.urls import path

from dictionary.api import views, views_search

urlpatterns = [
    path("dictionary/search", views_search.SearchView.as_view(), name="dictionary-search"),
    path("dictionary/suggest", views_search.SuggestView.as_view(), name="dictionary-suggest"),
    path("dictionary/popular", views_search.PopularView.as_view(), name="dictionary-popular"),
    path("dictionary/batch", views_search.BatchView.as_view(), name="dictionary-batch"),
    path("dictionary/export", views_search.ExportView.as_view(), name="dictionary-export"),
    path("dictionary/terms/id/<str:id>", views.TermByIdView.as_view(), name="dictionary-term-id"),
    path(
        "dictionary/terms/<str:id>/related", views.RelatedView.as_view(), name="dictionary-related"
    ),
    path(
        "dictionary/terms/<str:id>/feedback",
        views.FeedbackView.as_view(),
        name="dictionary-feedback",
    ),
    path(
        "dictionary/terms/<str:term>/languages",
        views.TermLanguagesView.as_view(),
        name="dictionary-term-languages",
    ),
    path("dictionary/terms/<str:term>", views.TermLookupView.as_view(), name="dictionary-term"),
]
