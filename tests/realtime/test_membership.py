"""A membership change reaches the member's open sockets within 5 s, through the API of the real
server: removed, the socket closes with 4403 (no message from the client needed); given another
role, the socket is told and stays open."""

from __future__ import annotations

import time

import requests

from tests.factories import Team
from tests.realtime.conftest import Server, Socket, token_of, usernames


def _api(server: Server, team: Team) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Token {token_of(team.manager)}"
    return session


def _member_socket(server: Server, team: Team) -> Socket:
    socket = Socket(server.ws_url(team.video.pk), additional_headers={"Authorization": f"Token {token_of(team.other_annotator)}"})
    socket.receive_until("presence")
    return socket


def test_removing_a_member_closes_their_socket(server: Server, team: Team) -> None:
    manager = Socket(server.ws_url(team.video.pk, f"?token={token_of(team.manager)}"))
    manager.receive_until("presence")
    member = _member_socket(server, team)
    assert usernames(manager.receive_until("presence")) == ["ws-manager", "ws-other"]
    membership = team.project.memberships.get(user=team.other_annotator).pk

    start = time.monotonic()
    response = _api(server, team).delete(f"{server.url}/api/projects/{team.project.pk}/members/{membership}/", timeout=30)
    assert response.status_code == 204
    assert member.close_code(timeout=5) == 4403
    assert time.monotonic() - start < 5
    assert usernames(manager.receive_until("presence")) == ["ws-manager"]
    # The former member cannot come back in.
    again = Socket(server.ws_url(team.video.pk), additional_headers={"Authorization": f"Token {token_of(team.other_annotator)}"})
    assert again.close_code() == 4403
    manager.close()


def test_a_role_change_is_told_to_the_open_socket(server: Server, team: Team) -> None:
    member = _member_socket(server, team)
    start = time.monotonic()
    response = _api(server, team).post(f"{server.url}/api/projects/{team.project.pk}/members/",
                                       json={"user": team.other_annotator.pk, "role": "reviewer"}, timeout=30)
    assert response.status_code == 201
    changed = member.receive_until("membership.changed", timeout=5)
    assert time.monotonic() - start < 5
    assert changed == {"type": "membership.changed", "video": team.video.pk, "project": team.project.pk, "role": "reviewer"}
    member.send({"type": "presence", "frame": 3})  # still admitted
    assert member.receive_until("presence")["users"] == [{"id": team.other_annotator.pk, "username": "ws-other", "frame": 3}]
    member.close()
