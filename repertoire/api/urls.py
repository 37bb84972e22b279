from __future__ import annotations

from django.urls import path  # noqa: F401  (routes are added by the issue that builds this API)

urlpatterns: list = []

from repertoire.progress.urls import urlpatterns as progress_urlpatterns  # noqa: E402  (issue 9)

urlpatterns += progress_urlpatterns
