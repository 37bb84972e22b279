"""The original client's main API (VITE_API_URL), under /legacy/api/: paths exactly as it
calls them (docs/web-client.md, "What answers where")."""

from __future__ import annotations

from django.urls import path, register_converter

from legacy.main import auth_views, goal_views, repertoire_views, views


class _Id:
    """An id segment without "/" or NUL (NUL names nothing: a 404, not a database error)."""

    regex = r"[^/\x00]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class _ScoreId(_Id):
    """A score id, which may hold "/" (the client sends it `encodeURIComponent`-ed, and a free
    id made from a title like "1/2" arrives with its slash)."""

    regex = r"[^\x00]+"


register_converter(_Id, "main_id")
register_converter(_ScoreId, "main_score_id")

urlpatterns = [
    # §2 auth
    path(
        "auth/request-magic-link",
        auth_views.MagicLinkRequestView.as_view(),
        name="legacy-main-auth-request-magic-link",
    ),
    path(
        "auth/verify-magic-link",
        auth_views.MagicLinkVerifyView.as_view(),
        name="legacy-main-auth-verify-magic-link",
    ),
    path("auth/google", auth_views.GoogleSignInView.as_view(), name="legacy-main-auth-google"),
    path("auth/refresh", auth_views.RefreshView.as_view(), name="legacy-main-auth-refresh"),
    path("auth/logout", auth_views.LogoutView.as_view(), name="legacy-main-auth-logout"),
    path("user/me", auth_views.UserMeView.as_view(), name="legacy-main-user-me"),
    # §3 user
    path("user/preferences", views.PreferencesView.as_view(), name="legacy-main-preferences"),
    # §4 autocomplete
    path(
        "autocomplete/composers",
        views.ComposerAutocompleteView.as_view(),
        name="legacy-main-autocomplete-composers",
    ),
    path(
        "autocomplete/pieces",
        views.PieceAutocompleteView.as_view(),
        name="legacy-main-autocomplete-pieces",
    ),
    # §6 goals
    path("goals", goal_views.GoalListView.as_view(), name="legacy-main-goals"),
    path(
        "goals/<main_id:goal_id>/progress",
        goal_views.GoalProgressView.as_view(),
        name="legacy-main-goal-progress",
    ),
    path("goals/<main_id:goal_id>", goal_views.GoalItemView.as_view(), name="legacy-main-goal"),
    # §7 repertoire and pieces; the suffixed routes before the bare id (ids may hold "/")
    path(
        "repertoire", repertoire_views.RepertoireListView.as_view(), name="legacy-main-repertoire"
    ),
    path(
        "repertoire/<main_score_id:score_id>/stats",
        repertoire_views.RepertoireStatsView.as_view(),
        name="legacy-main-repertoire-stats",
    ),
    path(
        "repertoire/<main_score_id:score_id>/dissociate",
        repertoire_views.RepertoireDissociateView.as_view(),
        name="legacy-main-repertoire-dissociate",
    ),
    path(
        "repertoire/<main_score_id:score_id>",
        repertoire_views.RepertoireItemView.as_view(),
        name="legacy-main-repertoire-item",
    ),
    path(
        "pieces/update-name",
        repertoire_views.PieceRenameView.as_view(),
        name="legacy-main-pieces-update-name",
    ),
    # §8 templates
    path("templates/adopt", views.TemplateAdoptView.as_view(), name="legacy-main-templates-adopt"),
]
