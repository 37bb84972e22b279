"""The original client's paths, under /legacy/ (its three base URLs all point there; their
paths do not collide). docs/web-client.md lists them."""

from __future__ import annotations

from django.urls import include, path, re_path

from legacy.wire import legacy_not_found

urlpatterns = [
    path("api/sync/", include("legacy.sync_api.urls")),
    path("api/v1/", include("legacy.dictionary_v1.urls")),
    path("api/", include("legacy.scorebook.urls")),
    path("api/", include("legacy.main.urls")),
    # Last: any other path is the original's JSON 404.
    re_path(r"", legacy_not_found),
]
