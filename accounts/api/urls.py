from __future__ import annotations

from django.urls import path

from accounts.api import auth_views, views
from mirubato.api.aliases import alias

urlpatterns = [
    path(
        "auth/request-magic-link",
        auth_views.MagicLinkRequestView.as_view(),
        name="auth-request-magic-link",
    ),
    path(
        "auth/verify-magic-link",
        auth_views.MagicLinkVerifyView.as_view(),
        name="auth-verify-magic-link",
    ),
    path("auth/google", auth_views.GoogleSignInView.as_view(), name="auth-google"),
    path("auth/refresh", auth_views.RefreshView.as_view(), name="auth-refresh"),
    path("auth/logout", auth_views.LogoutView.as_view(), name="auth-logout"),
    path("auth/me", views.MeView.as_view(), name="auth-me"),
    path("user/me", views.UserMeView.as_view(), name="user-me"),
    # The system design's path to the same view (GET, PUT, PATCH, DELETE).
    alias("users/me", views.UserMeView.as_view(), name="users-me", ids=("user_", "users_")),
    path("user/me/export", views.UserExportView.as_view(), name="user-me-export"),
]
