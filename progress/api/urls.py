"""Progress routes, under /api/."""

from __future__ import annotations

from django.urls import path

from progress.api.views import practice, progress, recommendations, report

urlpatterns = [
    path("progress/overview", progress.OverviewView.as_view(), name="progress-overview"),
    path(
        "progress/instrument/<str:instrument>",
        progress.InstrumentView.as_view(),
        name="progress-instrument",
    ),
    path("progress/statistics", progress.StatisticsView.as_view(), name="progress-statistics"),
    path(
        "progress/achievements", progress.AchievementsView.as_view(), name="progress-achievements"
    ),
    path("progress/pieces", progress.PieceListView.as_view(), name="progress-pieces"),
    path("progress/pieces/<str:score_id>", progress.PieceView.as_view(), name="progress-piece"),
    # Before the scores app's `scores/<score_id>` (progress is included first).
    path(
        "scores/recommended", recommendations.RecommendedView.as_view(), name="scores-recommended"
    ),
    path("practice/summary", practice.SummaryView.as_view(), name="practice-summary"),
    path("practice/streaks", practice.StreaksView.as_view(), name="practice-streaks"),
    path("practice/export", practice.ExportView.as_view(), name="practice-export"),
    path("practice/report.pdf", report.MonthlyReportView.as_view(), name="practice-report-pdf"),
]
