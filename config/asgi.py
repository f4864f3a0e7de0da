"""ASGI entry point: HTTP through Django, websockets through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from annotation.realtime.auth import AuthStack  # noqa: E402
from annotation.realtime.routing import websocket_urlpatterns  # noqa: E402
from annotation.upload_limit import UploadLimitMiddleware  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": UploadLimitMiddleware(django_asgi_app),
        # Origin is checked for cookie sessions only, inside AuthStack (token clients send none).
        "websocket": AuthStack(URLRouter(websocket_urlpatterns)),
    }
)
