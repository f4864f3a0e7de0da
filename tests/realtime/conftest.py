"""Realtime over the network: the real ASGI server (uvicorn running config.asgi, with the log
config `make demo` and compose use and its access log on), the real Redis channel layer, and a
real websocket client (the `websockets` library, as scripts would use it; it sends no Origin
header unless asked).

The data must be committed for the server to see it: every test here uses `transactional_db`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from annotation.realtime.events import check_event
from tests.conftest import Server, _subprocess_env
from tests.factories import Team, make_team, token_for

PRESENCE_TTL = 4  # seconds: the servers of these tests forget a silent socket after this


@pytest.fixture(scope="session")
def start_server(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[Callable[..., Server]]:
    """Factory: `start_server(env={...})` → a running Server on the test database."""
    servers: list[Server] = []
    logs = tmp_path_factory.mktemp("realtime-servers")

    def start(env: dict[str, str] | None = None) -> Server:
        with django_db_blocker.unblock():
            # Presence broadcasts folded over 0.2 s (1 s by default): the expiry tests time in seconds.
            server = Server(_subprocess_env({"MASKLET_PRESENCE_TTL": str(PRESENCE_TTL),
                                             "MASKLET_PRESENCE_BROADCAST_INTERVAL": "0.2", **(env or {})}),
                            logs / f"server-{len(servers)}.log", log_level="info")
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def server(start_server: Callable[..., Server]) -> Server:
    return start_server()


@pytest.fixture
def team(transactional_db: Any) -> Team:
    return make_team("ws-")


def token_of(user: Any) -> str:
    return token_for(user)


class Socket:
    """A websocket client that checks every event against its schema."""

    def __init__(self, url: str, **options: Any) -> None:
        options.setdefault("compression", None)  # frames travel as sent (the 1 MB one too)
        self.ws: ClientConnection = connect(url, proxy=None, open_timeout=20, legacy=True, **options)

    def receive(self, timeout: float = 5) -> dict[str, Any]:
        event = json.loads(self.ws.recv(timeout))
        check_event(event)
        return event

    def receive_until(self, event_type: str, timeout: float = 5, **match: Any) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            event = self.receive(max(0.01, deadline - time.monotonic()))
            if event["type"] == event_type and all(event.get(k) == v for k, v in match.items()):
                return event

    def events_for(self, seconds: float) -> list[dict[str, Any]]:
        """Every event that arrives within `seconds`."""
        events: list[dict[str, Any]] = []
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                events.append(self.receive(left))
            except TimeoutError:
                break
        return events

    def send(self, message: Any) -> None:
        self.ws.send(message if isinstance(message, str | bytes) else json.dumps(message))

    def close_code(self, timeout: float = 5) -> int | None:
        """Wait for the server to close the socket (skipping events); its close code."""
        deadline = time.monotonic() + timeout
        try:
            while True:
                self.ws.recv(max(0.01, deadline - time.monotonic()))
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else None

    def close(self) -> None:
        self.ws.close()


def usernames(event: dict[str, Any]) -> list[str]:
    return [user["username"] for user in event["users"]]
