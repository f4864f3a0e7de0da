"""Who may open a video's socket, over the network: every refusal is a completed handshake
(HTTP 101) closed with 4401 or 4403, never an HTTP 403; tokens need no Origin header; session
cookies need a same-host Origin."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import Team
from tests.realtime.conftest import Server, Socket, token_of, usernames


def _session_cookie(username: str) -> str:
    browser = Client()
    browser.force_login(get_user_model().objects.get(username=username))  # axes needs a request to authenticate()
    return f"sessionid={browser.cookies['sessionid'].value}"


def _open(server: Server, team: Team, how: str) -> Socket:
    """A socket opened the way `how` says (the websockets client sends no Origin by default)."""
    video = team.video.pk
    if how == "nothing":
        return Socket(server.ws_url(video))
    if how == "bad token header":
        return Socket(server.ws_url(video), additional_headers={"Authorization": "Token not-a-token"})
    if how == "bad token query":
        return Socket(server.ws_url(video, "?token=not-a-token"))
    if how == "bad token subprotocol":
        return Socket(server.ws_url(video), subprotocols=["masklet", "token.not-a-token"])
    if how == "forged cookie, same-host origin":
        return Socket(server.ws_url(video), origin=server.url, additional_headers={"Cookie": "sessionid=forged"})
    if how == "valid cookie, no origin":
        return Socket(server.ws_url(video), additional_headers={"Cookie": _session_cookie("ws-manager")})
    if how == "outsider token":
        return Socket(server.ws_url(video), additional_headers={"Authorization": f"Token {token_of(team.outsider)}"})
    if how == "unknown video":
        return Socket(server.ws_url(video + 10_000), additional_headers={"Authorization": f"Token {token_of(team.manager)}"})
    if how == "valid cookie, foreign origin":
        return Socket(server.ws_url(video), origin="http://evil.example",
                      additional_headers={"Cookie": _session_cookie("ws-manager")})
    raise AssertionError(how)


@pytest.mark.parametrize(
    ("how", "code"),
    [
        ("nothing", 4401),
        ("bad token header", 4401),
        ("bad token query", 4401),
        ("bad token subprotocol", 4401),
        ("forged cookie, same-host origin", 4401),
        ("valid cookie, no origin", 4401),  # a cookie counts only from a browser page of this site
        ("outsider token", 4403),
        ("unknown video", 4403),
        # Cross-site websocket hijacking: another site's page, with the visitor's valid cookie.
        # 4403, not 4401: no credential would help from that page, and the session is never looked
        # up, so the answer is the same whatever the cookie holds.
        ("valid cookie, foreign origin", 4403),
    ],
)
def test_refusals_are_accepted_then_closed_with_their_code(server: Server, team: Team, how: str, code: int) -> None:
    socket = _open(server, team, how)  # raises InvalidStatus on an HTTP 403 handshake refusal
    assert socket.ws.response.status_code == 101
    assert socket.close_code() == code


@pytest.mark.parametrize("via", ["header", "query", "subprotocol"])
@pytest.mark.parametrize("origin", [None, "http://evil.example"])
def test_a_token_needs_no_origin(server: Server, team: Team, via: str, origin: str | None) -> None:
    token = token_of(team.annotator)
    options: dict[str, Any] = {"origin": origin}
    query = ""
    if via == "header":
        options["additional_headers"] = {"Authorization": f"Token {token}"}
    elif via == "query":
        query = f"?token={token}"
    else:
        options["subprotocols"] = ["masklet", f"token.{token}"]
    socket = Socket(server.ws_url(team.video.pk, query), **options)
    presence = socket.receive_until("presence")
    assert usernames(presence) == ["ws-annotator"]
    # The server answers with the protocol, never with the entry that carries the token.
    assert socket.ws.subprotocol == ("masklet" if via == "subprotocol" else None)
    socket.send({"type": "presence", "frame": 2})
    assert socket.receive_until("presence")["users"][0]["frame"] == 2
    socket.close()


def test_a_session_cookie_from_this_site_is_admitted(server: Server, team: Team) -> None:
    socket = Socket(server.ws_url(team.video.pk), origin=server.url,
                    additional_headers={"Cookie": _session_cookie("ws-reviewer")})
    assert usernames(socket.receive_until("presence")) == ["ws-reviewer"]
    socket.close()
