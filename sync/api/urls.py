from __future__ import annotations

from django.urls import path

from sync.api import views

urlpatterns = [
    path("sync/push", views.PushView.as_view(), name="sync-push"),
    path("sync/pull", views.PullView.as_view(), name="sync-pull"),
    path("sync/status", views.StatusView.as_view(), name="sync-status"),
]
