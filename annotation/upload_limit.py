"""Refuse an over-size request body from its Content-Length, before any of it is read.

Django's ASGI handler reads a whole body before a view runs; a 40 GB upload would be spooled to
disk only to be refused. This ASGI wrapper answers 413 at once instead.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings

# Room for the multipart wrapping around the file itself.
FORM_OVERHEAD = 64 * 1024


class UploadLimitMiddleware:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("method") in ("POST", "PUT", "PATCH"):
            limit = settings.MASKLET["UPLOAD_MAX_BYTES"] + FORM_OVERHEAD
            for name, value in scope.get("headers", []):
                if name == b"content-length" and value.isdigit() and int(value) > limit:
                    await self._refuse(send, int(value), limit - FORM_OVERHEAD)
                    return
        await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(send: Any, size: int, limit: int) -> None:
        body = json.dumps(
            {"detail": f"The request is {size / 1024**2:.1f} MiB; uploads are limited to {limit / 1024**2:.1f} MiB."}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body})
