from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.negotiation import DefaultContentNegotiation

from mirubato import health
from mirubato.api.errors import api_not_found
from mirubato.telemetry import views as telemetry_views

urlpatterns = [
    path("health", health.health, name="health"),
    path("livez", health.livez, name="livez"),
    path("readyz", health.readyz, name="readyz"),
    # operations: Prometheus scrapes (docs/operations.md).
    path("metrics", telemetry_views.metrics_view, name="metrics"),
    path("admin/", admin.site.urls),
    # The schema alone offers YAML or JSON by `Accept`/`?format=`; every other view answers
    # with its one renderer (mirubato.api.negotiation).
    path(
        "api/schema/",
        SpectacularAPIView.as_view(content_negotiation_class=DefaultContentNegotiation),
        name="schema",
    ),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    # An app that owns its first path segment is mounted under it, so a request for another
    # app never tries its routes (a dictionary lookup tried 99 patterns before this: 42 µs).
    path("api/sync/", include("sync.api.urls")),
    path("api/dictionary/", include("dictionary.api.urls")),
    path("api/", include("accounts.api.urls")),
    path("api/", include("repertoire.api.urls")),
    path("api/", include("progress.api.urls")),
    path("api/", include("scores.api.urls")),
    # The original web client's wire (docs/web-client.md).
    path("legacy/", include("legacy.urls")),
    # Last: any other /api/ path is a JSON 404, never Django's HTML page.
    re_path(r"^api/", api_not_found),
]

handler400 = "mirubato.api.errors.bad_request"
handler403 = "mirubato.api.errors.permission_denied"
handler404 = "mirubato.api.errors.page_not_found"
handler500 = "mirubato.api.errors.server_error"
