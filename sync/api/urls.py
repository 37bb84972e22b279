from __future__ import annotations

from django.urls import path

from sync.api import views

urlpatterns = [
    path("push", views.PushView.as_view(), name="sync-push"),
    path("pull", views.PullView.as_view(), name="sync-pull"),
    path("status", views.StatusView.as_view(), name="sync-status"),
]
