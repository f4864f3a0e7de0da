"""An over-size upload is refused from its Content-Length by the real ASGI app, body unread."""

from __future__ import annotations

import asyncio

from django.conf import settings

from config.asgi import application


def _request(length: int) -> tuple[int, bytes, bool]:
    sent: list[dict] = []
    body_read = False

    async def receive() -> dict:
        nonlocal body_read
        body_read = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http", "method": "POST", "path": "/api/projects/1/videos/", "query_string": b"",
        "headers": [(b"content-length", str(length).encode()), (b"host", b"localhost")],
        "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "scheme": "http", "asgi": {"version": "3.0"},
        "http_version": "1.1", "root_path": "",
    }
    asyncio.run(application(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body, body_read


def test_oversize_content_length_answers_413_without_reading_the_body() -> None:
    status, body, body_read = _request(settings.MASKLET["UPLOAD_MAX_BYTES"] + 10 * 1024 * 1024)
    assert status == 413
    assert b"uploads are limited to" in body
    assert not body_read
