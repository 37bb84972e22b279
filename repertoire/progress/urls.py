"""Progress routes, included from `repertoire/api/urls.py` under /api/."""

from __future__ import annotations

from django.urls import path

from repertoire.progress.api import report, views

urlpatterns = [
    path("progress/overview", views.OverviewView.as_view(), name="progress-overview"),
    path(
        "progress/instrument/<str:instrument>",
        views.InstrumentView.as_view(),
        name="progress-instrument",
    ),
    path("progress/statistics", views.StatisticsView.as_view(), name="progress-statistics"),
    path("progress/achievements", views.AchievementsView.as_view(), name="progress-achievements"),
    path("progress/pieces", views.PieceListView.as_view(), name="progress-pieces"),
    path("progress/pieces/<str:score_id>", views.PieceView.as_view(), name="progress-piece"),
    path("practice/report.pdf", report.MonthlyReportView.as_view(), name="practice-report-pdf"),
]
