from __future__ import annotations

from django.urls import path, register_converter

from dictionary.api import views, views_search


class _EntryId:
    """An entry id without "/" or NUL. PostgreSQL refuses NUL in a query, so an id holding one
    would be a database error; it names nothing, so the route simply does not match (404).
    Terms keep `str`: a term is normalised (NUL dropped) before it reaches the database."""

    regex = r"[^/\x00]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(_EntryId, "dictionary_id")

urlpatterns = [
    path("search", views_search.SearchView.as_view(), name="dictionary-search"),
    path("suggest", views_search.SuggestView.as_view(), name="dictionary-suggest"),
    path("popular", views_search.PopularView.as_view(), name="dictionary-popular"),
    path("batch", views_search.BatchView.as_view(), name="dictionary-batch"),
    path("export", views_search.ExportView.as_view(), name="dictionary-export"),
    path(
        "terms/id/<dictionary_id:id>",
        views.TermByIdView.as_view(),
        name="dictionary-term-id",
    ),
    path(
        "terms/<dictionary_id:id>/related",
        views.RelatedView.as_view(),
        name="dictionary-related",
    ),
    path(
        "terms/<dictionary_id:id>/feedback",
        views.FeedbackView.as_view(),
        name="dictionary-feedback",
    ),
    path(
        "terms/<str:term>/languages",
        views.TermLanguagesView.as_view(),
        name="dictionary-term-languages",
    ),
    path("terms/<str:term>", views.TermLookupView.as_view(), name="dictionary-term"),
]
