"""A websocket test client for the real ASGI application (config.asgi.application).

Channels ships `channels.testing.WebsocketCommunicator`, but importing `channels.testing` imports
daphne (for its live-server test case), which this project does not install. This is the same
communicator built on asgiref's ApplicationCommunicator, with the same one adjustment channels
makes: `close_old_connections` is a no-op inside tests, so the test's database connection (and
its transaction) survives the consumer's database calls.
"""

from __future__ import annotations

import json
from typing import Any
from unittest import mock
from urllib.parse import unquote, urlparse

from asgiref.testing import ApplicationCommunicator


def _no_op() -> None:
    pass


class WebsocketClient(ApplicationCommunicator):
    accepted: bool | None = None  # whether the server accepted the handshake
    subprotocol: str | None = None  # the subprotocol it chose

    def __init__(
        self,
        application: Any,
        path: str,
        headers: list[tuple[bytes, bytes]] | None = None,
        subprotocols: list[str] | None = None,
    ) -> None:
        parsed = urlparse(path)
        scope = {
            "type": "websocket",
            "path": unquote(parsed.path),
            "query_string": parsed.query.encode(),
            # AllowedHostsOriginValidator wants an Origin among ALLOWED_HOSTS.
            "headers": [
                (b"host", b"localhost"),
                (b"origin", b"http://localhost"),
                *(headers or []),
            ],
            "subprotocols": subprotocols or [],
        }
        super().__init__(application, scope)
        self._pushed_back: list[dict[str, Any]] = []

    async def send_input(self, message: dict[str, Any]) -> None:
        with mock.patch("channels.db.close_old_connections", _no_op):
            await super().send_input(message)

    async def receive_output(self, timeout: float = 1) -> dict[str, Any]:
        if self._pushed_back:
            return self._pushed_back.pop(0)
        with mock.patch("channels.db.close_old_connections", _no_op):
            return await super().receive_output(timeout)

    async def wait(self, timeout: float = 1) -> None:
        with mock.patch("channels.db.close_old_connections", _no_op):
            await super().wait(timeout)

    async def connect(self, timeout: float = 5) -> tuple[bool, int | None]:
        """(True, None) when admitted, (False, close code) when refused.

        The server refuses by accepting, then closing with a code (`accepted` is then True); an
        admitted socket's first message is the video's presence. A close before accepting would
        be an HTTP 403 to the client: reported as (False, 403).
        """
        await self.send_input({"type": "websocket.connect"})
        response = await self.receive_output(timeout)
        self.accepted = response["type"] == "websocket.accept"
        if not self.accepted:
            assert response["type"] == "websocket.close", response
            return False, 403
        self.subprotocol = response.get("subprotocol")
        first = await self.receive_output(timeout)
        if first["type"] == "websocket.close":
            return False, first.get("code", 1000)
        self._pushed_back.append(first)
        return True, None

    async def send_text(self, text: str) -> None:
        await self.send_input({"type": "websocket.receive", "text": text})

    async def send_json(self, data: Any) -> None:
        await self.send_text(json.dumps(data))

    async def receive_json(self, timeout: float = 5) -> Any:
        response = await self.receive_output(timeout)
        assert response["type"] == "websocket.send", response
        return json.loads(response["text"])

    async def receive_until(
        self, event_type: str, timeout: float = 5, **match: Any
    ) -> tuple[dict, list[dict]]:
        """The first event of `event_type` (with the given fields), and every event seen before it."""
        seen: list[dict] = []
        while True:
            event = await self.receive_json(timeout)
            if event.get("type") == event_type and all(event.get(k) == v for k, v in match.items()):
                return event, seen
            seen.append(event)

    async def disconnect(self, code: int = 1000, timeout: float = 5) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": code})
        await self.wait(timeout)
