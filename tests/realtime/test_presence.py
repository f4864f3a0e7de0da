"""Presence expires unless heartbeats renew it: a socket whose disconnect handler never ran (its
server was SIGKILLed, its client vanished without closing) stops counting PRESENCE_TTL seconds
after it last spoke, and a socket that keeps sending stays."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable

from tests.conftest import ROOT
from tests.factories import Team
from tests.realtime.conftest import PRESENCE_TTL, Server, Socket, token_of, usernames

HEARTBEAT = 0.5  # seconds between the observer's own messages


def _watch_until_gone(observer: Socket, username: str, timeout: float) -> float:
    """Send heartbeats (alternating frames 4 and 5, so each one is broadcast) until `username`
    is no longer listed; the time that took."""
    start = time.monotonic()
    frame = 5
    while time.monotonic() - start < timeout:
        frame = 9 - frame
        observer.send({"type": "presence", "frame": frame})
        event = observer.receive_until("presence")
        if username not in usernames(event):
            return time.monotonic() - start
        time.sleep(HEARTBEAT)
    raise AssertionError(f"{username} still present after {timeout} s")


def test_a_sigkilled_server_leaves_no_ghost(server: Server, start_server: Callable[..., Server], team: Team) -> None:
    doomed = start_server()
    annotator = Socket(doomed.ws_url(team.video.pk), additional_headers={"Authorization": f"Token {token_of(team.annotator)}"})
    annotator.send({"type": "presence", "frame": 3})
    annotator.receive_until("presence")
    last_spoke = time.monotonic()
    manager = Socket(server.ws_url(team.video.pk), additional_headers={"Authorization": f"Token {token_of(team.manager)}"})
    assert usernames(manager.receive_until("presence")) == ["ws-annotator", "ws-manager"]

    doomed.kill()  # the annotator's disconnect handler never runs
    assert annotator.close_code() in (None, 1006)
    manager.send({"type": "presence", "frame": 1})
    still = manager.receive_until("presence")
    if time.monotonic() - last_spoke < PRESENCE_TTL - 1:
        assert "ws-annotator" in usernames(still)  # a ghost, for now

    _watch_until_gone(manager, "ws-annotator", timeout=3 * PRESENCE_TTL)
    assert time.monotonic() - last_spoke <= PRESENCE_TTL + 2 * HEARTBEAT + 1
    manager.close()


CLIENT = textwrap.dedent("""
    import json, sys, time
    from websockets.sync.client import connect
    ws = connect(sys.argv[1], proxy=None, legacy=True, additional_headers={"Authorization": "Token " + sys.argv[2]})
    ws.send(json.dumps({"type": "presence", "frame": 2}))
    ws.recv(10)
    print("ready", flush=True)
    time.sleep(600)
""")


def test_a_client_that_vanishes_without_closing_stops_being_present(server: Server, team: Team) -> None:
    """SIGSTOP: the client process stops answering but its connection stays open (a laptop
    closed, a network gone), so the server's disconnect handler does not run."""
    client = subprocess.Popen(
        [sys.executable, "-c", CLIENT, server.ws_url(team.video.pk), token_of(team.annotator)],
        cwd=ROOT, stdout=subprocess.PIPE, start_new_session=True,
    )
    try:
        assert client.stdout is not None and client.stdout.readline().strip() == b"ready"
        last_spoke = time.monotonic()
        manager = Socket(server.ws_url(team.video.pk), additional_headers={"Authorization": f"Token {token_of(team.manager)}"})
        listed = manager.receive_until("presence")
        assert {u["username"]: u["frame"] for u in listed["users"]} == {"ws-annotator": 2, "ws-manager": None}
        os.killpg(client.pid, signal.SIGSTOP)

        _watch_until_gone(manager, "ws-annotator", timeout=3 * PRESENCE_TTL)
        gone_after = time.monotonic() - last_spoke
        assert PRESENCE_TTL - 1 <= gone_after <= PRESENCE_TTL + 2 * HEARTBEAT + 1, gone_after
        manager.close()
    finally:
        os.killpg(client.pid, signal.SIGKILL)
        client.wait(10)


def test_heartbeats_keep_a_user_present_and_silence_does_not(server: Server, team: Team) -> None:
    talker = Socket(server.ws_url(team.video.pk), additional_headers={"Authorization": f"Token {token_of(team.annotator)}"})
    talker.receive_until("presence")
    silent = Socket(server.ws_url(team.video.pk, f"?token={token_of(team.reviewer)}"))  # answers pings, sends nothing
    assert usernames(talker.receive_until("presence")) == ["ws-annotator", "ws-reviewer"]
    deadline = time.monotonic() + 2.5 * PRESENCE_TTL
    while time.monotonic() < deadline:  # the same frame each time: a heartbeat, not a move
        talker.send({"type": "presence", "frame": 1})
        time.sleep(1)
    talker.send({"type": "presence", "frame": 2})
    talker.receive_until("presence", users=[{"id": team.annotator.pk, "username": "ws-annotator", "frame": 2}])
    talker.close()
    silent.close()


def test_presence_changes_are_folded_into_few_broadcasts_and_the_last_one_arrives(
    start_server: Callable[..., Server], team: Team
) -> None:
    """Two people scrubbing: 30 frame changes within about a second reach an observer as at most a
    few broadcasts (one per MASKLET_PRESENCE_BROADCAST_INTERVAL), and the last frames of both
    are what it sees in the end."""
    server = start_server({"MASKLET_PRESENCE_BROADCAST_INTERVAL": "0.5", "MASKLET_WS_MESSAGE_BURST": "40"})
    observer = Socket(server.ws_url(team.video.pk), additional_headers={"Authorization": f"Token {token_of(team.manager)}"})
    scrubbers = [
        Socket(server.ws_url(team.video.pk), additional_headers={"Authorization": f"Token {token_of(user)}"})
        for user in (team.annotator, team.reviewer)
    ]
    for socket in scrubbers:
        socket.receive_until("presence")
    observer.events_for(1.0)  # the joins
    started = time.monotonic()
    for step in range(15):
        for index, socket in enumerate(scrubbers):
            # the test video has 6 frames: one walks 0 to 4, the other 5 down to 1
            socket.send({"type": "presence", "frame": step // 3 if index == 0 else 5 - step // 3})
        time.sleep(0.06)
    final = {"ws-annotator": 4, "ws-reviewer": 1, "ws-manager": None}  # only the last three steps
    broadcasts = 0
    while time.monotonic() - started < 30:  # until the last frames of both arrive
        event = observer.receive_until("presence", timeout=30)
        broadcasts += 1
        if {u["username"]: u["frame"] for u in event["users"]} == final:
            break
    elapsed = time.monotonic() - started
    assert {u["username"]: u["frame"] for u in event["users"]} == final
    assert broadcasts <= elapsed / 0.5 + 2, (broadcasts, elapsed)  # 30 changes, a few broadcasts
    assert broadcasts < 15
    for socket in (observer, *scrubbers):
        socket.close()


def test_the_first_message_is_the_presence_while_events_stream(server: Server, team: Team) -> None:
    """API.md: an admitted socket first receives the current presence. Presence broadcasts are
    deferred and folded (one per interval), so while the video's events stream in, the socket
    gets its own copy at once rather than the next event, and no second identical one later."""
    import threading

    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    from annotation.realtime.publish import video_group

    layer = get_channel_layer()
    stop = threading.Event()

    def stream() -> None:
        event = {"type": "video.changed", "video": team.video.pk, "status": "ready"}
        while not stop.is_set():
            async_to_sync(layer.group_send)(video_group(team.video.pk), {"type": "event.forward", "event": event})
            time.sleep(0.01)

    streamer = threading.Thread(target=stream)
    streamer.start()
    try:
        for user in (team.annotator, team.manager):
            socket = Socket(server.ws_url(team.video.pk), additional_headers={"Authorization": f"Token {token_of(user)}"})
            first = socket.receive()
            assert first["type"] == "presence", first
            assert user.username in usernames(first)
            later = [e for e in socket.events_for(0.6) if e["type"] == "presence"]
            assert all(e["users"] != first["users"] for e in later), "the same presence twice"
            assert any(e["type"] == "video.changed" for e in socket.events_for(0.2)), "events flow after it"
            socket.close()
    finally:
        stop.set()
        streamer.join()
