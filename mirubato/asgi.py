"""ASGI entry point: `mirubato.asgi:application` (HTTP and the WebSocket sync channel).

Served by gunicorn with uvicorn workers (`make run`); `mirubato.wsgi` still serves HTTP alone.
"""

import os
from importlib import import_module

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mirubato.settings")


def _websocket_routes(modules: list[str]) -> list:
    # Named by a setting, as ROOT_URLCONF names the HTTP routes: the entry point composes the
    # apps without importing them.
    return [route for name in modules for route in import_module(name).websocket_urlpatterns]


def _application():
    """HTTP through Django, WebSockets through the routes the apps mount. Django must be set
    up before anything imports models (the consumers do, through their routes), so those
    imports wait inside this function until `get_asgi_application()` has run."""
    django_http = get_asgi_application()

    from channels.routing import ProtocolTypeRouter, URLRouter
    from channels.security.websocket import OriginValidator
    from django.conf import settings
    from django.urls import re_path

    from mirubato.websocket import UnknownPathConsumer

    websocket_urlpatterns = [
        *_websocket_routes(settings.WEBSOCKET_ROUTES),
        re_path(r"", UnknownPathConsumer.as_asgi()),  # last: any other path is refused
    ]
    return ProtocolTypeRouter(
        {
            "http": django_http,
            # Like channels' AllowedHostsOriginValidator (ALLOWED_HOSTS), plus the SPA's CORS
            # origins.
            "websocket": OriginValidator(
                URLRouter(websocket_urlpatterns), settings.REALTIME_ALLOWED_ORIGINS
            ),
        }
    )


application = _application()
