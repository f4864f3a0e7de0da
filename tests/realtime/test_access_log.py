"""Tokens never reach the logs: the real server, run with the log config of `make demo` and
compose (config/uvicorn-logging.json) and its access log on, writes every path with its query
string; the token values must not be in its output."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import requests

from annotation.realtime.log_redaction import redact
from tests.conftest import ROOT
from tests.factories import Team
from tests.realtime.conftest import Server, Socket, token_of


def test_the_access_log_holds_no_token(start_server: Callable[..., Server], team: Team) -> None:
    server = start_server()  # its own log, holding only this test's requests
    token = token_of(team.manager)
    bad = "f" * 40
    video = team.video.pk
    for socket in (
        Socket(server.ws_url(video, f"?token={token}")),
        Socket(server.ws_url(video), subprotocols=["masklet", f"token.{token}"]),
        Socket(server.ws_url(video), additional_headers={"Authorization": f"Token {token}"}),
    ):
        socket.receive_until("presence")
        socket.close()
    refused = Socket(server.ws_url(video, f"?token={bad}"))
    assert refused.close_code() == 4401
    response = requests.get(f"{server.url}/api/projects/?token={token}&page=1", timeout=30,
                            headers={"Authorization": f"Token {token}"})
    assert response.status_code == 200
    time.sleep(1)  # unbuffered output, but give the server's writes a moment

    log = server.log()
    assert f'"WebSocket /ws/videos/{video}/?token=[redacted]" [accepted]' in log
    assert "GET /api/projects/?token=[redacted]&page=1 HTTP/1.1" in log
    assert token not in log
    assert bad not in log


def test_redact_covers_every_way_a_token_is_sent() -> None:
    key = "0123456789abcdef0123456789abcdef01234567"
    assert redact(f"/ws/videos/1/?a=1&token={key}&b=2") == "/ws/videos/1/?a=1&token=[redacted]&b=2"
    assert redact(f"Authorization: Token {key}") == "Authorization: Token [redacted]"
    assert redact(f"subprotocols ['masklet', 'token.{key}']") == "subprotocols ['masklet', 'token.[redacted]']"
    assert redact("GET /api/videos/?page=2 HTTP/1.1") == "GET /api/videos/?page=2 HTTP/1.1"
    assert redact("Token expired") == "Token expired"


def test_every_launch_of_the_web_server_uses_the_redacting_log_config() -> None:
    """make demo, compose and the web image start uvicorn with config/uvicorn-logging.json, whose
    every handler carries the filter."""
    config = json.loads((ROOT / "config" / "uvicorn-logging.json").read_text())
    assert config["filters"]["redact_tokens"]["()"] == "annotation.realtime.log_redaction.RedactTokens"
    assert all("redact_tokens" in handler["filters"] for handler in config["handlers"].values())
    launches = [
        (path.relative_to(ROOT), line)
        for folder in ("scripts", "platform")
        for path in sorted((ROOT / folder).rglob("*")) if path.is_file()
        for line in path.read_text(errors="replace").splitlines() if "config.asgi:application" in line
    ] + [(Path("docker-compose.yml"), line) for line in (ROOT / "docker-compose.yml").read_text().splitlines()
         if "config.asgi:application" in line]
    assert {"platform/Dockerfile.web", "docker-compose.yml"} <= {str(path) for path, _ in launches}
    assert any(str(path).startswith("scripts/") for path, _ in launches)  # make demo
    for path, line in launches:
        assert "--log-config" in line and "config/uvicorn-logging.json" in line, (path, line)
