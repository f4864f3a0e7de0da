"""The permission matrix: every endpoint of annotation/api/urls.py and the websocket, for every role.

Roles: outsider (no membership), other_annotator (member, no task on the video), annotator (assigned
to the video's task), reviewer, manager. Outsiders get 404 on every object of the project; members
without the right get 403; a refused request changes nothing and queues nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from annotation.models import (
    Export,
    FrameMask,
    GroundTruth,
    Job,
    Label,
    Masklet,
    Membership,
    Project,
    Prompt,
    QAFlag,
    ReviewComment,
    ReviewIssue,
    Task,
    TaskComment,
    TaskTransition,
    Video,
    Webhook,
)
from annotation.services import tasks as task_services
from tests.factories import client_for
from tests.platform.conftest import ROLES, World, make_world, square_rle

pytestmark = pytest.mark.django_db

MEMBERS = ("other_annotator", "annotator", "reviewer", "manager")
EDITORS = ("annotator", "manager")  # can_annotate: the assigned annotator, managers
REVIEWERS = ("reviewer", "manager")
COMMENTERS = ("annotator", "reviewer", "manager")  # can_comment: the video's annotators too
MANAGERS = ("manager",)


@dataclass
class Case:
    name: str
    method: str
    path: str  # str.format template over World.ids()
    ok: int  # the status an allowed role gets
    allowed: tuple[str, ...]
    body: Callable[[dict[str, Any]], Any] | None = None
    multipart: bool = False
    task_state: str | None = None  # bring the task here first
    outsider: int = 404
    refused: int = 403
    extra: dict[str, Any] = field(default_factory=dict)

    def expected(self, role: str) -> int:
        if role == "outsider" and "outsider" not in self.allowed:
            return self.outsider
        return self.ok if role in self.allowed else self.refused


def _json(value: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda ids: value if not callable(value) else value(ids)


def _upload(name: str, content: bytes, **fields: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda ids: {"file": SimpleUploadedFile(name, content), **fields}


EVERYONE = ROLES
CASES: list[Case] = [
    # people and status
    Case("users-list", "get", "/api/users/", 200, MANAGERS, outsider=403),
    Case("status", "get", "/api/status/", 200, EVERYONE),
    Case("me", "get", "/api/auth/me/", 200, EVERYONE),
    Case("session", "get", "/api/auth/session/", 200, EVERYONE),
    # projects
    Case("project-list", "get", "/api/projects/", 200, EVERYONE),
    Case("project-create", "post", "/api/projects/", 201, EVERYONE, _json({"name": "mine"})),
    Case("project-get", "get", "/api/projects/{project}/", 200, MEMBERS),
    Case(
        "project-patch",
        "patch",
        "/api/projects/{project}/",
        200,
        MANAGERS,
        _json({"description": "new"}),
    ),
    Case("project-delete", "delete", "/api/projects/{project}/", 204, MANAGERS),
    Case("member-list", "get", "/api/projects/{project}/members/", 200, MEMBERS),
    Case(
        "member-add",
        "post",
        "/api/projects/{project}/members/",
        201,
        MANAGERS,
        _json(lambda ids: {"user": ids["other_annotator"], "role": "reviewer"}),
    ),
    Case("member-remove", "delete", "/api/projects/{project}/members/{membership}/", 204, MANAGERS),
    Case("label-list", "get", "/api/projects/{project}/labels/", 200, MEMBERS),
    Case("label-create", "post", "/api/projects/{project}/labels/", 201, MANAGERS, _json({"name": "person"})),
    Case("label-patch", "patch", "/api/labels/{label}/", 200, MANAGERS, _json({"color": "#123456"})),
    Case("label-delete", "delete", "/api/labels/{label}/", 204, MANAGERS),
    Case("video-list", "get", "/api/projects/{project}/videos/", 200, MEMBERS),
    Case(
        "video-upload",
        "post",
        "/api/projects/{project}/videos/",
        201,
        MANAGERS,
        _upload("clip.mp4", b"\x00\x00\x00\x18ftypmp42 not really a video"),
        multipart=True,
    ),
    Case("project-task-list", "get", "/api/projects/{project}/tasks/", 200, MEMBERS),
    # Effort: every member may ask; a non-manager's answer holds only their own work (tests/analytics).
    Case("project-effort", "get", "/api/projects/{project}/effort/", 200, MEMBERS),
    Case("project-effort-csv", "get", "/api/projects/{project}/effort.csv", 200, MEMBERS),
    Case("video-activity", "post", "/api/videos/{video}/activity/", 204, MEMBERS, _json({"frame": 1})),
    Case(
        "task-create",
        "post",
        "/api/projects/{project}/tasks/",
        201,
        MANAGERS,
        _json(
            lambda ids: {
                "video": ids["video"],
                "frame_start": 2,
                "assignee": ids["other_annotator"],
            }
        ),
    ),
    Case("export", "post", "/api/projects/{project}/exports/", 202, MANAGERS, _json({"format": "coco"})),
    Case("export-list", "get", "/api/projects/{project}/exports/", 200, MANAGERS),
    # webhooks: managers only; a webhook of a project one does not manage is not found
    Case("webhook-list", "get", "/api/projects/{project}/webhooks/", 200, MANAGERS),
    Case(
        "webhook-create",
        "post",
        "/api/projects/{project}/webhooks/",
        201,
        MANAGERS,
        _json({"url": "https://example.org/other", "events": ["export.finished"]}),
    ),
    Case("webhook-patch", "patch", "/api/webhooks/{webhook}/", 200, MANAGERS, _json({"active": False}), refused=404),
    Case("webhook-delete", "delete", "/api/webhooks/{webhook}/", 204, MANAGERS, refused=404),
    Case("webhook-deliveries", "get", "/api/webhooks/{webhook}/deliveries/", 200, MANAGERS, refused=404),
    # tasks
    Case("task-list", "get", "/api/tasks/", 200, EVERYONE),
    Case("task-list-mine", "get", "/api/tasks/?mine=1", 200, EVERYONE),
    Case("task-get", "get", "/api/tasks/{task}/", 200, MEMBERS),
    Case("task-patch", "patch", "/api/tasks/{task}/", 200, MANAGERS, _json({"frame_end": 4})),
    Case("task-delete", "delete", "/api/tasks/{task}/", 204, MANAGERS),
    # the task's conversation: its assignee, its reviewer, the managers (can_discuss_task)
    Case("task-activity", "get", "/api/tasks/{task}/activity/", 200, COMMENTERS),
    Case("task-comment", "post", "/api/tasks/{task}/activity/", 201, COMMENTERS, _json({"text": "frame 3 is blurred"})),
    Case(
        "task-start",
        "post",
        "/api/tasks/{task}/transitions/",
        200,
        EDITORS,
        _json({"action": "start"}),
    ),
    Case(
        "task-submit",
        "post",
        "/api/tasks/{task}/transitions/",
        200,
        EDITORS,
        _json({"action": "submit"}),
        task_state="in_progress",
    ),
    Case(
        "task-accept",
        "post",
        "/api/tasks/{task}/transitions/",
        200,
        REVIEWERS,
        _json({"action": "accept"}),
        task_state="submitted",
    ),
    Case(
        "task-reject",
        "post",
        "/api/tasks/{task}/transitions/",
        200,
        REVIEWERS,
        _json({"action": "reject", "comment": "masks leak"}),
        task_state="submitted",
    ),
    # videos
    Case("video-get", "get", "/api/videos/{video}/", 200, MEMBERS),
    Case("video-delete", "delete", "/api/videos/{video}/", 204, MANAGERS),
    Case("frame", "get", "/api/videos/{video}/frames/3/", 200, MEMBERS),
    Case("frame-full", "get", "/api/videos/{video}/frames/3/?size=full", 200, MEMBERS),
    Case("thumbnail", "get", "/api/videos/{video}/thumbnail/", 200, MEMBERS),
    Case("video-masklets", "get", "/api/videos/{video}/masklets/", 200, MEMBERS),
    Case(
        "masklet-create",
        "post",
        "/api/videos/{video}/masklets/",
        201,
        EDITORS,
        _json({"name": "dog"}),
    ),
    Case("video-masks", "get", "/api/videos/{video}/masks/?start=0&end=5", 200, MEMBERS),
    Case("timeline", "get", "/api/videos/{video}/timeline/", 200, MEMBERS),
    Case("video-jobs", "get", "/api/videos/{video}/jobs/", 200, MEMBERS),
    Case(
        "propagate",
        "post",
        "/api/videos/{video}/propagations/",
        202,
        EDITORS,
        _json(lambda ids: {"masklets": [ids["masklet"]], "start_frame": 0, "direction": "both"}),
    ),
    Case(
        "automasklets",
        "post",
        "/api/videos/{video}/automasklets/",
        202,
        EDITORS,
        _json({"max_masklets": 3}),
    ),
    # An empty text answers 400 once the permission holds (a valid one would meet the workers).
    Case("concepts", "post", "/api/videos/{video}/concepts/", 400, EDITORS, _json({"text": ""})),
    Case(
        "import",
        "post",
        "/api/videos/{video}/imports/",
        202,
        MANAGERS,
        _upload("a.json", b'{"images": [], "annotations": []}', format="coco"),
        multipart=True,
    ),
    Case("issue-list", "get", "/api/videos/{video}/issues/", 200, MEMBERS),
    Case(
        "issue-create",
        "post",
        "/api/videos/{video}/issues/",
        201,
        REVIEWERS,
        _json({"frame": 2, "text": "gap"}),
    ),
    Case(
        "issue-patch", "patch", "/api/issues/{issue}/", 200, COMMENTERS, _json({"resolved": True})
    ),
    # The issue's text: its author only (the reviewer filed it).
    Case("issue-text", "patch", "/api/issues/{issue}/", 200, ("reviewer",), _json({"text": "still off"})),
    Case(
        "issue-comment",
        "post",
        "/api/issues/{issue}/comments/",
        201,
        COMMENTERS,
        _json({"text": "fixed"}),
    ),
    Case(
        "evaluation",
        "post",
        "/api/videos/{video}/evaluations/",
        200,
        MEMBERS,
        _json(lambda ids: {"reference": [ids["masklet"]], "candidate": [ids["masklet"]]}),
    ),
    # automated QA, ground truth, quality reports
    Case("qa-flags", "get", "/api/videos/{video}/qa-flags/", 200, MEMBERS),
    Case("qa-run", "post", "/api/videos/{video}/qa-flags/", 202, EDITORS),
    Case("review-queue", "get", "/api/projects/{project}/review-queue/", 200, MEMBERS),
    Case("ground-truth-get", "get", "/api/videos/{video}/ground-truth/", 200, MEMBERS),
    Case("ground-truth-mark", "put", "/api/videos/{video}/ground-truth/", 200, MANAGERS, _json({})),
    Case("ground-truth-unmark", "delete", "/api/videos/{video}/ground-truth/", 204, MANAGERS),
    Case("quality-report", "get", "/api/projects/{project}/quality-report/", 200, REVIEWERS),
    # masklets and masks
    Case("masklet-get", "get", "/api/masklets/{masklet}/", 200, MEMBERS),
    Case(
        "masklet-rename",
        "patch",
        "/api/masklets/{masklet}/",
        200,
        EDITORS,
        _json({"name": "car 1"}),
    ),
    Case(
        "masklet-ask-verification",
        "patch",
        "/api/masklets/{masklet}/",
        200,
        EDITORS,
        _json({"status": "needs_verification"}),
    ),
    Case(
        "masklet-verify",
        "patch",
        "/api/masklets/{masklet}/",
        200,
        REVIEWERS,
        _json({"status": "verified"}),
    ),
    Case(
        "masklet-reject",
        "patch",
        "/api/masklets/{masklet}/",
        200,
        REVIEWERS,
        _json({"status": "rejected", "comment": "wrong object"}),
    ),
    Case("masklet-delete", "delete", "/api/masklets/{masklet}/", 204, EDITORS),
    Case("mask-list", "get", "/api/masklets/{masklet}/masks/", 200, MEMBERS),
    Case(
        "mask-put",
        "put",
        "/api/masklets/{masklet}/masks/1/",
        200,
        EDITORS,
        _json({"rle": square_rle(top=30), "version": 0}),
    ),
    # A deliberately invalid click (no points, no box): allowed roles get 400 before any worker is asked.
    Case("prompt", "post", "/api/masklets/{masklet}/prompts/", 400, EDITORS, _json({"frame": 0})),
    # jobs
    Case("job-get", "get", "/api/jobs/{job}/", 200, MEMBERS),
    Case(
        "job-cancel", "post", "/api/jobs/{job}/cancel/", 200, MANAGERS
    ),  # the job's author is the manager
    Case("job-download", "get", "/api/jobs/{export_job}/download/", 200, MEMBERS),
]

# Project-less endpoints answer everyone; their "outsider" is a plain authenticated user.
for case in CASES:
    if case.name in (
        "status",
        "me",
        "project-list",
        "project-create",
        "task-list",
        "task-list-mine",
    ):
        case.outsider = case.ok


def _counts() -> dict[str, int]:
    models = (
        Project,
        Membership,
        Label,
        Video,
        Task,
        TaskTransition,
        TaskComment,
        Masklet,
        FrameMask,
        Prompt,
        Job,
        ReviewIssue,
        ReviewComment,
        Webhook,
        Export,
        GroundTruth,
        QAFlag,
    )
    return {m.__name__: m.objects.count() for m in models}


def _state_snapshot(world: World) -> dict[str, Any]:
    world.masklet.refresh_from_db()
    world.team.task.refresh_from_db()
    world.job.refresh_from_db()
    world.issue.refresh_from_db()
    return {
        "counts": _counts(),
        "task": world.team.task.state,
        "masklet": (world.masklet.status, world.masklet.version, world.masklet.name),
        "masks": list(FrameMask.objects.order_by("id").values_list("id", "version")),
        "job": (world.job.status, world.job.cancel_requested),
        "issue": (world.issue.resolved, world.issue.text, world.issue.comments.count()),
        "project": tuple(Project.objects.order_by("id").values_list("name", "description")),
        "labels": tuple(Label.objects.order_by("id").values_list("name", "color")),
    }


def _bring_task_to(world: World, state: str) -> None:
    team = world.team
    path = {
        "in_progress": ["start"],
        "submitted": ["start", "submit"],
        "accepted": ["start", "submit", "accept"],
        "rejected": ["start", "submit", "reject"],
    }[state]
    for action in path:
        user = team.reviewer if action in ("accept", "reject") else team.annotator
        task_services.task_transition(task=team.task, action=action, user=user, comment="not yet")
    team.task.refresh_from_db()
    assert team.task.state == state


def _request(client: APIClient, case: Case, ids: dict[str, Any]) -> Any:
    path = case.path.format(**ids)
    kwargs: dict[str, Any] = {}
    if case.body is not None:
        kwargs = {"data": case.body(ids), "format": "multipart" if case.multipart else "json"}
    return getattr(client, case.method)(path, **kwargs)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_permission_matrix(world: World, case: Case, role: str) -> None:
    if case.task_state:
        _bring_task_to(world, case.task_state)
    before = _state_snapshot(world)
    response = _request(world.team.client(role), case, world.ids())
    expected = case.expected(role)
    is_json = (
        response.get("Content-Type", "").startswith("application/json") and not response.streaming
    )
    body = response.json() if is_json else None
    assert response.status_code == expected, (case.name, role, response.status_code, body)
    if expected >= 400:
        assert isinstance(body, dict) and isinstance(body.get("detail"), str) and body["detail"], (
            body
        )
        assert set(body) <= {"detail", "errors"}, body
        # Refused before anything happened: nothing stored, nothing queued (no Job row).
        assert _state_snapshot(world) == before, (case.name, role)


def test_every_api_route_is_in_the_matrix() -> None:
    from annotation.api.urls import urlpatterns
    from tests.accounts.test_account_permissions import ACCOUNT_CASES

    covered = {c.path.split("?")[0] for c in [*CASES, *ACCOUNT_CASES]}
    normalised = {
        "/api/"
        + str(p.pattern)
        .replace("<int:pk>", "{}")
        .replace("<int:membership_id>", "{}")
        .replace("<int:index>", "{}")
        .replace("<int:frame>", "{}")
        .replace("<int:invitation_id>", "{}")
        .replace("<str:key>", "{}")
        for p in urlpatterns
    }
    import re

    covered_norm = {
        re.sub(r"\{\w+\}|/\d+/", lambda m: "{}" if m.group(0).startswith("{") else "/{}/", p)
        for p in covered
    }
    auth_routes = {
        "/api/auth/token",
        "/api/auth/token/",
        "/api/auth/csrf/",
        "/api/auth/login/",
        "/api/auth/logout/",
    }
    missing = normalised - covered_norm - auth_routes  # auth routes: tests/platform/test_auth.py
    assert not missing, missing


# --- lists: outsiders see nothing ---------------------------------------------------------------


def test_outsider_sees_the_project_in_no_list(world: World) -> None:
    outsider = world.team.client("outsider")
    assert outsider.get("/api/projects/").json() == []
    assert outsider.get("/api/tasks/").json() == []
    assert outsider.get("/api/tasks/?mine=1").json() == []
    for role in MEMBERS:
        projects = world.team.client(role).get("/api/projects/").json()
        assert [p["id"] for p in projects] == [world.team.project.pk], role
        assert [t["id"] for t in world.team.client(role).get("/api/tasks/").json()] == [
            world.team.task.pk
        ]


def test_mine_lists_only_my_tasks(world: World) -> None:
    mine = {
        role: [t["id"] for t in world.team.client(role).get("/api/tasks/?mine=1").json()]
        for role in MEMBERS
    }
    assert mine == {
        "other_annotator": [],
        "annotator": [world.team.task.pk],
        "reviewer": [world.team.task.pk],
        "manager": [],
    }


def test_outsider_with_own_project_sees_only_it(world: World) -> None:
    other = make_world("b-")
    projects = other.team.client("manager").get("/api/projects/").json()
    assert [p["id"] for p in projects] == [other.team.project.pk]
    # ...and every object of the first project is a 404 for the second project's manager.
    client = other.team.client("manager")
    for case in CASES:
        if (
            case.path.startswith("/api/projects/{project}")
            or "{video}" in case.path
            or "{masklet}" in case.path
        ):
            response = _request(client, case, world.ids())
            assert response.status_code == 404, (case.name, response.status_code)


# --- annotators edit only in tasks open for work ------------------------------------------------

ANNOTATE_CASES = [
    c for c in CASES if c.allowed == EDITORS and c.name not in ("task-start", "task-submit")
]


@pytest.mark.parametrize(
    "state,allowed",
    [
        ("new", True),
        ("in_progress", True),
        ("rejected", True),
        ("submitted", False),
        ("accepted", False),
    ],
)
@pytest.mark.parametrize("case", ANNOTATE_CASES, ids=lambda c: c.name)
def test_assigned_annotator_edits_only_open_tasks(
    world: World, case: Case, state: str, allowed: bool
) -> None:
    if state != "new":
        _bring_task_to(world, state)
    before = _state_snapshot(world)
    response = _request(world.team.client("annotator"), case, world.ids())
    if allowed:
        assert response.status_code == case.ok, response.json()
    else:
        assert response.status_code == 403, response.json()
        assert "assigned annotators" in response.json()["detail"]
        assert _state_snapshot(world) == before
        # Managers edit whatever the task's state.
        assert _request(world.team.client("manager"), case, world.ids()).status_code == case.ok


def test_job_author_may_cancel_own_job(world: World) -> None:
    from annotation.services import jobs as job_services

    job = job_services.job_create(
        project=world.team.project,
        kind="automask",
        user=world.team.annotator,
        video=world.team.video,
    )
    assert (
        world.team.client("other_annotator").post(f"/api/jobs/{job.pk}/cancel/").status_code == 403
    )
    response = world.team.client("annotator").post(f"/api/jobs/{job.pk}/cancel/")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_task_reviewer_of_another_task_cannot_judge_it(world: World) -> None:
    from annotation.services import projects as project_services
    from tests.factories import make_user

    second = make_user("second-reviewer")
    project_services.membership_add(project=world.team.project, user=second.pk, role="reviewer")
    _bring_task_to(world, "submitted")
    response = client_for(second).post(
        f"/api/tasks/{world.team.task.pk}/transitions/", {"action": "accept"}, format="json"
    )
    assert response.status_code == 403
    world.team.task.refresh_from_db()
    assert world.team.task.state == "submitted"


# --- unauthenticated ------------------------------------------------------------------------------

PUBLIC = {"status", "session"}  # session: {"user": null} for nobody (tests/platform/test_task_activity.py)


@pytest.mark.parametrize("case", [c for c in CASES if c.name not in PUBLIC], ids=lambda c: c.name)
def test_anonymous_is_refused_everywhere(world: World, case: Case) -> None:
    before = _counts()
    response = _request(APIClient(), case, world.ids())
    assert response.status_code in (401, 403), (case.name, response.status_code)
    assert set(response.json()) == {"detail"} and isinstance(response.json()["detail"], str)
    assert _counts() == before


def test_anonymous_status_is_public() -> None:
    assert APIClient().get("/api/status/").status_code == 200
