"""Progress routes, under /api/."""

from __future__ import annotations

from django.urls import path, re_path

from mirubato.api.aliases import alias
from progress.api.views import analytics, practice, practice_api, progress, recommendations, report

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
    # The practice API's computed answers (docs/repertoire.md, docs/progress.md).
    path("practice/quick-log", practice_api.QuickLogView.as_view(), name="practice-quick-log"),
    re_path(  # an id without "/" or NUL, as repertoire's session routes take it
        r"^practice/sessions/(?P<session_id>[^/\x00]+)/end$",
        practice_api.SessionEndView.as_view(),
        name="practice-session-end",
    ),
    path("users/me/progress", practice_api.UserProgressView.as_view(), name="users-me-progress"),
    path(
        "analytics/practice-time",
        analytics.PracticeTimeView.as_view(),
        name="analytics-practice-time",
    ),
    path(
        "analytics/repertoire",
        analytics.RepertoireAnalyticsView.as_view(),
        name="analytics-repertoire",
    ),
    path(
        "analytics/improvement", analytics.ImprovementView.as_view(), name="analytics-improvement"
    ),
    path("analytics/export", analytics.AnalyticsExportView.as_view(), name="analytics-export"),
    # The system design's paths to the same views.
    alias(
        "progress/streaks",
        practice.StreaksView.as_view(),
        name="progress-streaks",
        ids=("practice_", "progress_"),
    ),
    alias(  # before the scores app's `sheet-music/<id>` (progress is included first)
        "sheet-music/recommended",
        recommendations.RecommendedView.as_view(),
        name="sheet-music-recommended",
        ids=("scores_", "sheet_music_"),
    ),
]
