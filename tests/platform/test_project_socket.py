"""`ws /ws/projects/{id}/`: the project page's live channel (task states, video status, ingest
progress), over the real ASGI application and Redis channel layer."""

from __future__ import annotations

from typing import Any

import pytest

from annotation.models import Job
from annotation.services import jobs as job_services
from annotation.services import masklets as masklet_services
from annotation.services import tasks as task_services
from config.asgi import application
from tests.factories import Team, make_team, token_for
from tests.platform.conftest import square_rle
from tests.platform.test_realtime import Socket, db, own_channel_prefix, run  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("transactional_db", "own_channel_prefix")


class ProjectSocket(Socket):
    """The project socket says nothing on admission (no presence): admitted = accepted, not closed."""

    async def connect(self, timeout: float = 5) -> tuple[bool, int | None]:
        await self.send_input({"type": "websocket.connect"})
        accepted = await self.receive_output(timeout)
        assert accepted["type"] == "websocket.accept", accepted
        if await self.receive_nothing(0.5):
            return True, None
        first = await self.receive_output(timeout)
        if first["type"] == "websocket.close":
            return False, first.get("code", 1000)
        self._pushed_back.append(first)
        return True, None


def _project_socket(project_id: int, user: Any | None) -> ProjectSocket:
    headers = [(b"authorization", f"Token {token_for(user)}".encode())] if user is not None else []
    return ProjectSocket(application, f"/ws/projects/{project_id}/", headers=headers)


@pytest.fixture
def team() -> Team:
    return make_team("ps-")


def test_members_get_task_changes_and_ingest_progress_but_not_masks(team: Team) -> None:
    socket = _project_socket(team.project.pk, team.reviewer)
    ingest = Job.objects.create(project=team.project, video=team.video, kind="ingest", status="running")

    async def scenario() -> list[dict]:
        assert await socket.connect() == (True, None)
        masklet = await db(masklet_services.masklet_create)(video=team.video, user=team.annotator)
        await db(masklet_services.frame_mask_put)(masklet=masklet, frame=0, rle=square_rle(), version=0, user=team.annotator)
        await db(task_services.task_transition)(task=team.task, action="start", user=team.annotator)
        await db(job_services.job_progress)(job=ingest, progress=0.5)
        task_event, before = await socket.receive_until("review.changed", task=team.task.pk)
        progress, between = await socket.receive_until("job.progress", job=ingest.pk)
        await socket.disconnect()
        return [task_event, progress, *before, *between]

    task_event, progress, *others = run(scenario)
    assert task_event == {"type": "review.changed", "video": team.video.pk, "issue": None, "task": team.task.pk, "masklet": None}
    assert progress["kind"] == "ingest" and progress["progress"] == 0.5
    assert not [e for e in others if e["type"] in ("mask.updated", "masklet.changed", "presence")], others


def test_outsiders_and_anonymous_are_refused_and_messages_answer_an_error(team: Team) -> None:
    assert run(lambda: _project_socket(team.project.pk, None).connect()) == (False, 4401)
    assert run(lambda: _project_socket(team.project.pk, team.outsider).connect()) == (False, 4403)
    assert run(lambda: _project_socket(999_999, team.manager).connect()) == (False, 4403)
    socket = _project_socket(team.project.pk, team.annotator)

    async def scenario() -> dict:
        assert await socket.connect() == (True, None)
        await socket.send_json({"type": "presence", "frame": 1})
        answer = await socket.receive_json()
        await socket.disconnect()
        return answer

    assert run(scenario)["type"] == "error"


def test_another_projects_page_hears_nothing(team: Team) -> None:
    other = make_team("ps2-")
    socket = _project_socket(other.project.pk, other.manager)

    async def scenario() -> bool:
        assert await socket.connect() == (True, None)
        await db(task_services.task_transition)(task=team.task, action="start", user=team.annotator)
        quiet = await socket.nothing_arrives()
        await socket.disconnect()
        return quiet

    assert run(scenario)
