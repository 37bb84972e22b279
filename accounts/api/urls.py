from __future__ import annotations

from django.urls import path

from accounts.api import views

urlpatterns = [
    path("auth/me", views.MeView.as_view(), name="auth-me"),
]
