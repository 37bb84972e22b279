"""ASGI entry point: `mirubato.asgi:application` (HTTP and the WebSocket sync channel).

Served by gunicorn with uvicorn workers (`make run`); `mirubato.wsgi` still serves HTTP alone.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mirubato.settings")

# Django must be set up before anything imports models (the consumer does, through routing).
django_http = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import OriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from sync.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_http,
        # Like channels' AllowedHostsOriginValidator (ALLOWED_HOSTS), plus the SPA's CORS origins.
        "websocket": OriginValidator(
            URLRouter(websocket_urlpatterns), settings.REALTIME_ALLOWED_ORIGINS
        ),
    }
)
