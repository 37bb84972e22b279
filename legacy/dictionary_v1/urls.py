"""The original dictionary service's paths (its client appends `/api/v1` to
VITE_DICTIONARY_URL = .../legacy), mounted under `api/v1/` by legacy/urls.py."""

from __future__ import annotations

from django.urls import path

from legacy.dictionary_v1 import views

urlpatterns = [
    path("search", views.SearchView.as_view()),
    path("search/suggestions", views.SuggestionsView.as_view()),
    path("search/popular", views.PopularView.as_view()),
    # The feedback and languages paths before the bare term, which would take any segment.
    path("terms/<str:entry_uuid>/feedback", views.FeedbackView.as_view()),
    path("terms/<str:term>/languages", views.TermLanguagesView.as_view()),
    path("terms/<str:term>", views.TermView.as_view()),
]
