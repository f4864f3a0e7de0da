"""Client messages over the network: rate-limited per socket, and any frame (deeply nested,
1 MB, binary, not JSON) answers an `error` event to the sender alone while the socket lives on."""

from __future__ import annotations

import time

import pytest

from tests.factories import Team
from tests.realtime.conftest import Server, Socket, token_of, usernames


def _frames(presence: dict) -> dict[str, int | None]:
    return {user["username"]: user["frame"] for user in presence["users"]}


def _pair(server: Server, team: Team) -> tuple[Socket, Socket]:
    """A sender (the annotator) and an observer (the manager), both admitted."""
    observer = Socket(server.ws_url(team.video.pk), additional_headers={"Authorization": f"Token {token_of(team.manager)}"})
    observer.receive_until("presence")
    sender = Socket(server.ws_url(team.video.pk), additional_headers={"Authorization": f"Token {token_of(team.annotator)}"})
    sender.receive_until("presence")
    assert usernames(observer.receive_until("presence")) == ["ws-annotator", "ws-manager"]
    return sender, observer


def test_excess_messages_answer_an_error_and_are_never_broadcast(server: Server, team: Team) -> None:
    sender, observer = _pair(server, team)
    sent = 60  # the default bucket: 20 at once, 5 per second
    for i in range(sent):
        sender.send({"type": "presence", "frame": 1 + i % 2})
    replies = sender.events_for(2)
    errors = [e for e in replies if e["type"] == "error"]
    assert len(errors) >= sent - 20 - 5 * 2
    assert all(e["detail"].startswith("too many messages") for e in errors)
    seen = observer.events_for(1)
    assert {e["type"] for e in seen} == {"presence"}
    assert len(seen) <= sent - len(errors)

    time.sleep(1)  # the bucket refills: the socket lives on
    sender.send({"type": "presence", "frame": 4})
    assert _frames(sender.receive_until("presence"))["ws-annotator"] == 4
    sender.close()
    observer.close()


# Each frame, and the start of the error it answers. The 1 MB frame reaches the consumer
# (uvicorn's --ws-max-size is 16 MiB by default), which refuses it by its size.
FRAMES: dict[str, tuple[str | bytes, str]] = {
    "nested list (RecursionError)": ("[" * 30_000 + "]" * 30_000, "send one JSON object"),
    "nested object (RecursionError)": ('{"a":' * 10_000 + "1" + "}" * 10_000, "send one JSON object"),
    "1 MB": ('{"type": "presence", "frame": 1, "pad": "' + "x" * (1 << 20) + '"}', "message too large"),
    "binary": (b"\x00\x01\x02 not text", "send JSON text frames"),
    "not JSON": ("presence frame 2", "send one JSON object"),
    "empty": ("", "send one JSON object"),
    "JSON, not an object": ("[1, 2, 3]", "only {"),
    "unknown type": ('{"type": "mask.updated", "masklet": 1}', "only {"),
}


@pytest.mark.parametrize("kind", FRAMES)
def test_any_frame_answers_an_error_and_the_socket_lives_on(server: Server, team: Team, kind: str) -> None:
    sender, observer = _pair(server, team)
    frame, detail = FRAMES[kind]
    sender.send(frame)
    error = sender.receive(timeout=10)
    assert error["type"] == "error" and error["detail"].startswith(detail), error
    sender.send({"type": "presence", "frame": 5})
    assert _frames(observer.receive_until("presence"))["ws-annotator"] == 5
    assert _frames(sender.receive_until("presence"))["ws-annotator"] == 5
    sender.close()
    observer.close()
