from __future__ import annotations

from django.urls import path, register_converter

from mirubato.api.aliases import alias
from repertoire.api.views import (
    annotations,
    autocomplete,
    goals,
    practice_logs,
    practice_sessions,
    practice_templates,
    preferences,
    repertoire,
    templates,
)


class _Id:
    """An id segment without "/" or NUL (PostgreSQL cannot store NUL: such an id names
    nothing, so the path is a 404 instead of a database error)."""

    regex = r"[^/\x00]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class _ScoreId(_Id):
    """A score id, which may hold "/" (a free id made from a title like "1/2")."""

    regex = r"[^\x00]+"


register_converter(_Id, "id")
register_converter(_ScoreId, "score_id")

urlpatterns = [
    path("repertoire", repertoire.RepertoireListView.as_view(), name="repertoire-list"),
    # `path` ids: a free id may hold a "/" (a title like "1/2"); the suffixed routes come first.
    path(
        "repertoire/<score_id:score_id>/stats",
        repertoire.RepertoireStatsView.as_view(),
        name="repertoire-stats",
    ),
    path(
        "repertoire/<score_id:score_id>/dissociate",
        repertoire.RepertoireDissociateView.as_view(),
        name="repertoire-dissociate",
    ),
    path("pieces/rename", repertoire.PieceRenameView.as_view(), name="pieces-rename"),
    path(
        "repertoire/<score_id:score_id>",
        repertoire.RepertoireItemView.as_view(),
        name="repertoire-item",
    ),
    path("annotations", annotations.AnnotationListView.as_view(), name="annotations-list"),
    path(
        "annotations/<id:annotation_id>",
        annotations.AnnotationItemView.as_view(),
        name="annotations-item",
    ),
    path("goals", goals.GoalListView.as_view(), name="goals-list"),
    path("goals/<id:goal_id>/progress", goals.GoalProgressView.as_view(), name="goals-progress"),
    path("goals/<id:goal_id>", goals.GoalItemView.as_view(), name="goals-item"),
    path("user/preferences", preferences.PreferencesView.as_view(), name="user-preferences"),
    alias(  # the system design's path to the same view
        "users/me/preferences",
        preferences.PreferencesView.as_view(),
        name="users-me-preferences",
        ids=("user_", "users_me_"),
    ),
    path("templates/adopt", templates.TemplateAdoptView.as_view(), name="templates-adopt"),
    # The practice API (docs/repertoire.md). Log and template ids may hold "/" (devices choose
    # them); session ids may not, so `practice/sessions/{id}/end` (progress) stays apart.
    path("practice/logs", practice_logs.LogListView.as_view(), name="practice-logs"),
    path(
        "practice/logs/<score_id:log_id>",
        practice_logs.LogItemView.as_view(),
        name="practice-log",
    ),
    path(
        "practice/sessions/start",
        practice_sessions.SessionStartView.as_view(),
        name="practice-sessions-start",
    ),
    path(
        "practice/sessions",
        practice_sessions.SessionListView.as_view(),
        name="practice-sessions",
    ),
    path(
        "practice/sessions/<id:session_id>",
        practice_sessions.SessionItemView.as_view(),
        name="practice-session",
    ),
    path(
        "practice/templates",
        practice_templates.TemplateListView.as_view(),
        name="practice-templates",
    ),
    path(
        "practice/templates/<score_id:template_id>",
        practice_templates.TemplateItemView.as_view(),
        name="practice-template",
    ),
    path(
        "autocomplete/composers",
        autocomplete.ComposerAutocompleteView.as_view(),
        name="autocomplete-composers",
    ),
    path(
        "autocomplete/pieces",
        autocomplete.PieceAutocompleteView.as_view(),
        name="autocomplete-pieces",
    ),
]
