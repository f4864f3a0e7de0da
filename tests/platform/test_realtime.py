"""Realtime: the real ASGI application (config.asgi.application) over the real Redis channel layer.

Services publish after commit, so these tests use `transactional_db`. Every event a socket
receives is checked against its schema (annotation.realtime.events.check_event).
"""

from __future__ import annotations

import asyncio
import os
import sys
import textwrap
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from annotation.models import Job, Membership
from annotation.realtime.events import check_event
from annotation.services import jobs as job_services
from annotation.services import masklets as masklet_services
from annotation.services import tasks as task_services
from config.asgi import application
from tests.conftest import ROOT, _subprocess_env
from tests.factories import Team, make_team, token_for
from tests.platform.conftest import square_rle
from tests.platform.wsclient import WebsocketClient

pytestmark = pytest.mark.usefixtures("transactional_db", "own_channel_prefix")

QUIET = 0.3  # seconds to wait when asserting that nothing arrives


@pytest.fixture
def own_channel_prefix(settings: Any) -> None:
    """A channel-layer prefix of this test process: events of other test runs on the same Redis stay out."""
    settings.CHANNEL_LAYERS = {
        "default": {
            **settings.CHANNEL_LAYERS["default"],
            "CONFIG": {
                **settings.CHANNEL_LAYERS["default"]["CONFIG"],
                "prefix": f"masklet-rt-{os.getpid()}",
            },
        }
    }


class Socket(WebsocketClient):
    """A client that checks every event it receives against the event schemas."""

    async def receive_json(self, timeout: float = 5) -> Any:
        event = await super().receive_json(timeout)
        check_event(event)
        return event

    async def nothing_arrives(self) -> bool:
        return await self.receive_nothing(QUIET)


def _token(user: Any) -> str:
    return token_for(user)


def _socket(
    video_id: int, *, user: Any = None, via: str = "header", cookie: str | None = None
) -> Socket:
    path = f"/ws/videos/{video_id}/"
    headers: list[tuple[bytes, bytes]] = []
    if user is not None and via == "header":
        headers.append((b"authorization", f"Token {_token(user)}".encode()))
    elif user is not None and via == "query":
        path += f"?token={_token(user)}"
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return Socket(application, path, headers=headers)


def run(scenario: Callable[[], Awaitable[Any]]) -> Any:
    return async_to_sync(scenario)()


def db(fn: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    """Run a service call (its own transaction, publishing on commit) from the scenario."""
    return sync_to_async(fn, thread_sensitive=True)


@pytest.fixture
def team() -> Team:
    return make_team("rt-")


# --- authentication and admission -------------------------------------------------------------


@pytest.mark.parametrize("via", ["header", "query"])
def test_token_auth_admits_a_member_who_receives_presence(team: Team, via: str) -> None:
    socket = _socket(team.video.pk, user=team.annotator, via=via)

    async def scenario() -> dict:
        assert await socket.connect() == (True, None)
        presence, _ = await socket.receive_until("presence")
        await socket.disconnect()
        return presence

    presence = run(scenario)
    assert presence == {
        "type": "presence",
        "video": team.video.pk,
        "users": [{"id": team.annotator.pk, "username": "rt-annotator", "frame": None}],
    }


def test_session_cookie_auth(team: Team) -> None:
    browser = Client()
    browser.force_login(get_user_model().objects.get(username="rt-reviewer"))  # axes needs a request to authenticate()
    cookie = f"sessionid={browser.cookies['sessionid'].value}"
    socket = _socket(team.video.pk, cookie=cookie)

    async def scenario() -> dict:
        assert await socket.connect() == (True, None)
        presence, _ = await socket.receive_until("presence")
        await socket.disconnect()
        return presence

    assert [u["id"] for u in run(scenario)["users"]] == [team.reviewer.pk]
    # A forged or expired session is no one.
    assert run(lambda: _socket(team.video.pk, cookie="sessionid=forged").connect()) == (False, 4401)


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("anonymous", 4401),
        ("bad-token", 4401),
        ("outsider", 4403),
        ("unknown-video", 4403),
        ("huge-video-id", 4403),
    ],
)
def test_refused_sockets_are_accepted_then_closed_with_a_code(team: Team, who: str, code: int) -> None:
    video_id = team.video.pk
    if who == "outsider":
        socket = _socket(video_id, user=team.outsider)
    elif who == "anonymous":
        socket = _socket(video_id)
    elif who == "bad-token":
        socket = Socket(
            application,
            f"/ws/videos/{video_id}/?token=nope",
            headers=[(b"authorization", b"Token also-nope")],
        )
    else:
        socket = _socket(video_id + 10_000 if who == "unknown-video" else 10**30, user=team.manager)

    async def scenario() -> tuple[bool, int | None, bool]:
        result = await socket.connect()
        return (*result, await socket.receive_nothing(QUIET))

    assert run(scenario) == (False, code, True)
    assert socket.accepted  # never an HTTP 403 handshake refusal


def test_a_refused_outsider_leaves_no_trace_for_members(team: Team) -> None:
    member = _socket(team.video.pk, user=team.manager)
    outsider = _socket(team.video.pk, user=team.outsider)

    async def scenario() -> bool:
        await member.connect()
        await member.receive_until("presence")
        assert (await outsider.connect()) == (False, 4403)
        await outsider.disconnect()  # as the server reports the closed socket
        quiet = await member.nothing_arrives()
        await member.disconnect()
        return quiet

    assert run(scenario)


def _with_origin(socket: Socket, origin: bytes | None) -> Socket:
    headers = [(k, v) for k, v in socket.scope["headers"] if k != b"origin"]
    socket.scope["headers"] = headers + ([(b"origin", origin)] if origin else [])
    return socket


def test_a_session_cookie_from_a_foreign_origin_is_refused_with_4403(team: Team) -> None:
    """Cross-site websocket hijacking: another site's page opens the socket with the visitor's
    cookie. Refused with 4403 whatever the cookie holds (the session is not even looked up)."""
    browser = Client()
    browser.force_login(get_user_model().objects.get(username="rt-manager"))  # axes needs a request to authenticate()
    cookie = f"sessionid={browser.cookies['sessionid'].value}"
    foreign = _with_origin(_socket(team.video.pk, cookie=cookie), b"http://evil.example")
    forged = _with_origin(_socket(team.video.pk, cookie="sessionid=forged"), b"http://evil.example")
    assert run(foreign.connect) == (False, 4403)
    assert run(forged.connect) == (False, 4403)
    # Without an Origin (not a browser), a cookie is no credential: use a token.
    assert run(_with_origin(_socket(team.video.pk, cookie=cookie), None).connect) == (False, 4401)


@pytest.mark.parametrize("via", ["header", "query", "subprotocol"])
def test_tokens_need_no_origin_and_ignore_a_foreign_one(team: Team, via: str) -> None:
    token = _token(team.manager)
    path, headers, subprotocols = f"/ws/videos/{team.video.pk}/", [], ["masklet"]
    if via == "header":
        headers = [(b"authorization", f"Token {token}".encode())]
    elif via == "query":
        path += f"?token={token}"
    else:
        subprotocols.append(f"token.{token}")
    for origin in (None, b"http://evil.example"):
        socket = _with_origin(Socket(application, path, headers=headers, subprotocols=subprotocols), origin)

        async def scenario(socket: Socket = socket) -> tuple[bool, int | None]:
            result = await socket.connect()
            await socket.disconnect()
            return result

        assert run(scenario) == (True, None)
        assert socket.subprotocol == "masklet"  # never the token entry


# --- events from services, after commit --------------------------------------------------------


def test_service_writes_reach_the_socket_after_commit(team: Team) -> None:
    socket = _socket(team.video.pk, user=team.reviewer)

    async def scenario() -> list[dict]:
        await socket.connect()
        await socket.receive_until("presence")
        received = []
        masklet = await db(masklet_services.masklet_create)(
            video=team.video, user=team.annotator, name="kid"
        )
        event, _ = await socket.receive_until("masklet.changed")
        received.append(event)
        await db(masklet_services.frame_mask_put)(
            masklet=masklet, frame=2, rle=square_rle(), version=0, user=team.annotator
        )
        event, _ = await socket.receive_until("mask.updated")
        received.append(event)
        await db(task_services.task_transition)(task=team.task, action="start", user=team.annotator)
        event, _ = await socket.receive_until("review.changed")
        received.append(event)
        await db(masklet_services.masklet_set_status)(
            masklet=masklet, status="verified", user=team.reviewer
        )
        received.append((await socket.receive_until("masklet.changed"))[0])
        received.append((await socket.receive_until("review.changed"))[0])
        await db(masklet_services.masklet_delete)(masklet=masklet)
        received.append((await socket.receive_until("masklet.changed", action="deleted"))[0])
        await socket.disconnect()
        return received

    created, mask, task, verified, review, deleted = run(scenario)
    masklet_id = created["masklet"]
    assert created == {
        "type": "masklet.changed",
        "video": team.video.pk,
        "masklet": masklet_id,
        "action": "created",
        "version": 1,
    }
    assert mask == {
        "type": "mask.updated",
        "video": team.video.pk,
        "masklet": masklet_id,
        "frames": [2],
        "versions": [1],
        "areas": [144],
        "source": "edited",
        "user": team.annotator.pk,
    }
    assert task == {
        "type": "review.changed",
        "video": team.video.pk,
        "issue": None,
        "task": team.task.pk,
        "masklet": None,
    }
    assert (verified["action"], verified["version"]) == ("updated", 2)
    assert review["masklet"] == masklet_id
    assert deleted["masklet"] == masklet_id


def test_job_events_reach_the_socket(team: Team) -> None:
    socket = _socket(team.video.pk, user=team.annotator)
    # The row only: enqueuing it would let a live worker of the session run the job and race
    # with the events this test drives by hand.
    job = Job.objects.create(project=team.project, kind="automask", created_by=team.manager, video=team.video)

    async def scenario() -> tuple[dict, dict, dict]:
        await socket.connect()
        await socket.receive_until("presence")
        await db(job_services.job_start)(job=job)
        started, _ = await socket.receive_until("job.progress", frame=None)
        await db(job_services.job_progress)(job=job, progress=0.25, frame=3)
        progress, _ = await socket.receive_until("job.progress", frame=3)
        await db(job_services.job_finish)(job=job, status="failed", error="no objects found")
        finished, _ = await socket.receive_until("job.finished")
        await socket.disconnect()
        return started, progress, finished

    started, progress, finished = run(scenario)
    assert (started["job"], started["kind"], started["progress"]) == (job.pk, "automask", 0)
    assert progress == {
        "type": "job.progress",
        "video": team.video.pk,
        "job": job.pk,
        "kind": "automask",
        "progress": 0.25,
        "frame": 3,
    }
    assert finished == {
        "type": "job.finished",
        "video": team.video.pk,
        "job": job.pk,
        "kind": "automask",
        "status": "failed",
        "error": "no objects found",
    }


def test_rolled_back_writes_publish_nothing(team: Team) -> None:
    socket = _socket(team.video.pk, user=team.manager)

    def create_then_fail() -> None:
        with pytest.raises(RuntimeError), transaction.atomic():
            masklet_services.masklet_create(video=team.video, user=team.manager)
            raise RuntimeError("the request failed after the write")

    async def scenario() -> bool:
        await socket.connect()
        await socket.receive_until("presence")
        await db(create_then_fail)()
        quiet = await socket.nothing_arrives()
        await socket.disconnect()
        return quiet

    assert run(scenario)
    assert team.video.masklets.count() == 0


def test_events_stay_in_their_video(team: Team) -> None:
    from tests.factories import ready_video

    other_video = ready_video(team.project, name="other")
    socket = _socket(other_video.pk, user=team.manager)

    async def scenario() -> bool:
        await socket.connect()
        await socket.receive_until("presence")
        await db(masklet_services.masklet_create)(video=team.video, user=team.manager)
        quiet = await socket.nothing_arrives()
        await socket.disconnect()
        return quiet

    assert run(scenario)


def test_an_event_from_another_process_reaches_the_socket(team: Team) -> None:
    """A worker process publishes through Redis: simulate one with `python -c`."""
    socket = _socket(team.video.pk, user=team.manager)
    job = Job.objects.create(project=team.project, kind="propagate", created_by=team.manager, video=team.video)
    from django.conf import settings

    env = _subprocess_env(
        {"MASKLET_CHANNEL_PREFIX": settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"]}
    )
    code = textwrap.dedent(f"""
        import django
        django.setup()
        from annotation.models import Job
        from annotation.realtime.publish import send_now
        from annotation.services.jobs import job_progress
        send_now({{"type": "video.changed", "video": {team.video.pk}, "status": "ready"}})
        job_progress(job=Job.objects.get(pk={job.pk}), progress=0.5, frame=4)  # publishes on commit
        import os
        print("sent from pid", os.getpid())
    """)

    async def scenario() -> tuple[dict, dict, str]:
        await socket.connect()
        await socket.receive_until("presence")
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            code,
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        video_event, _ = await socket.receive_until("video.changed", timeout=60)
        progress, _ = await socket.receive_until("job.progress", timeout=30)
        output, _ = await proc.communicate()
        await socket.disconnect()
        assert proc.returncode == 0, output.decode()
        return video_event, progress, output.decode()

    video_event, progress, output = run(scenario)
    assert video_event == {"type": "video.changed", "video": team.video.pk, "status": "ready"}
    assert (progress["job"], progress["progress"], progress["frame"]) == (job.pk, 0.5, 4)
    assert "sent from pid" in output and f"pid {os.getpid()}" not in output


# --- presence ------------------------------------------------------------------------------------


def test_presence_updates_are_broadcast_and_leaving_is_seen(team: Team) -> None:
    manager = _socket(team.video.pk, user=team.manager)
    annotator = _socket(team.video.pk, user=team.annotator, via="query")

    async def scenario() -> tuple[dict, dict, dict]:
        await manager.connect()
        await manager.receive_until("presence")
        await annotator.connect()
        joined, _ = await manager.receive_until("presence")
        await annotator.receive_until("presence")
        await annotator.send_json({"type": "presence", "frame": 3})
        moved, _ = await manager.receive_until("presence")
        echoed, _ = await annotator.receive_until("presence")
        assert echoed == moved
        await annotator.disconnect()
        left, _ = await manager.receive_until("presence")
        await manager.disconnect()
        return joined, moved, left

    joined, moved, left = run(scenario)
    frames = lambda event: {u["username"]: u["frame"] for u in event["users"]}  # noqa: E731
    assert frames(joined) == {"rt-manager": None, "rt-annotator": None}
    assert frames(moved) == {"rt-manager": None, "rt-annotator": 3}
    assert frames(left) == {"rt-manager": None}


GARBAGE: list[tuple[str, Any]] = [
    ("text", "[" * 30_000 + "]" * 30_000),  # RecursionError in json.loads
    ("text", '{"a":' * 20_000 + "1" + "}" * 20_000),
    ("text", '{"type": "presence", "frame": 1, "pad": "' + "x" * 1_000_000 + '"}'),  # 1 MB
    ("text", "not json at all"),
    ("text", "[1, 2]"),
    ("text", '"presence"'),
    ("text", "null"),
    ("text", "{" * 10_000),
    ("json", {"type": "mask.updated", "masklet": 1}),
    ("json", {"frame": 2}),
    ("json", {"type": "presence", "frame": -1}),
    ("json", {"type": "presence", "frame": "3"}),
    ("json", {"type": "presence", "frame": 2.5}),
    ("json", {"type": "presence", "frame": True}),
    ("json", {"type": "presence", "frame": [1]}),
    ("json", {"type": "presence", "frame": 6}),  # the video has frames 0 to 5
    ("json", {"type": "presence", "frame": 10**30}),
    ("bytes", b"\x00\x01binary"),
    ("text", ""),
]


def test_garbage_messages_answer_an_error_and_the_socket_lives_on(team: Team) -> None:
    socket = _socket(team.video.pk, user=team.annotator)

    async def scenario() -> tuple[list[dict], dict]:
        await socket.connect()
        await socket.receive_until("presence")
        errors = []
        for kind, payload in GARBAGE:
            if kind == "json":
                await socket.send_json(payload)
            elif kind == "bytes":
                await socket.send_input({"type": "websocket.receive", "bytes": payload})
            else:
                await socket.send_input({"type": "websocket.receive", "text": payload})
            errors.append(await socket.receive_json())
        await socket.send_json({"type": "presence", "frame": 5})
        presence, _ = await socket.receive_until("presence")
        await socket.disconnect()
        return errors, presence

    errors, presence = run(scenario)
    assert [e["type"] for e in errors] == ["error"] * len(GARBAGE)
    assert all(e["detail"] for e in errors)
    assert presence["users"] == [{"id": team.annotator.pk, "username": "rt-annotator", "frame": 5}]


def test_revoked_member_is_closed_on_next_message(team: Team) -> None:
    socket = _socket(team.video.pk, user=team.other_annotator)

    async def scenario() -> dict:
        await socket.connect()
        await socket.receive_until("presence")
        await db(
            Membership.objects.filter(project=team.project, user=team.other_annotator).delete
        )()
        await socket.send_json({"type": "presence", "frame": 1})
        return await socket.receive_output(5)

    assert run(scenario) == {"type": "websocket.close", "code": 4403}


def test_removal_through_the_service_closes_the_socket_at_once(team: Team) -> None:
    from annotation.services import projects as project_services

    removed = _socket(team.video.pk, user=team.other_annotator)
    staying = _socket(team.video.pk, user=team.manager)
    membership = Membership.objects.get(project=team.project, user=team.other_annotator)

    async def scenario() -> tuple[dict, dict, bool]:
        await staying.connect()
        await staying.receive_until("presence")
        await removed.connect()
        await removed.receive_until("presence")
        await staying.receive_until("presence")
        await db(project_services.membership_remove)(project=team.project, membership_id=membership.pk)
        closed = await removed.receive_output(5)  # without any message from the client
        await removed.disconnect()
        left, _ = await staying.receive_until("presence")
        quiet = await staying.nothing_arrives()
        await staying.disconnect()
        return closed, left, quiet

    closed, left, quiet = run(scenario)
    assert closed == {"type": "websocket.close", "code": 4403}
    assert [u["username"] for u in left["users"]] == ["rt-manager"]
    assert quiet


def test_role_change_is_told_to_the_member_only(team: Team) -> None:
    from annotation.services import projects as project_services

    member = _socket(team.video.pk, user=team.other_annotator)
    manager = _socket(team.video.pk, user=team.manager)

    async def scenario() -> tuple[dict, bool]:
        await manager.connect()
        await manager.receive_until("presence")
        await member.connect()
        await member.receive_until("presence")
        await manager.receive_until("presence")
        await db(project_services.membership_add)(project=team.project, user=team.other_annotator.pk, role="reviewer")
        changed, _ = await member.receive_until("membership.changed")
        quiet = await manager.nothing_arrives()
        await member.send_json({"type": "presence", "frame": 1})  # still admitted
        await member.receive_until("presence")
        await member.disconnect()
        await manager.disconnect()
        return changed, quiet

    changed, quiet = run(scenario)
    assert changed == {
        "type": "membership.changed", "video": team.video.pk, "project": team.project.pk, "role": "reviewer",
    }
    assert quiet
