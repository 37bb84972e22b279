"""The original client's sync calls, under /legacy/api/sync/."""

from __future__ import annotations

from django.urls import path

from legacy.sync_api.views import SyncPullView, SyncPushView

urlpatterns = [
    path("pull", SyncPullView.as_view(), name="legacy-sync-pull"),
    path("push", SyncPushView.as_view(), name="legacy-sync-push"),
]
