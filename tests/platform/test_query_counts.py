"""Every list endpoint runs as many queries for 12 rows as for 3: joins and counts are made by the
selectors (annotation/selectors/), never by a serializer per row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotation.services import jobs as job_services
from annotation.services import masklets as masklet_services
from annotation.services import projects as project_services
from annotation.services import prompts as prompt_services
from annotation.services import review as review_services
from annotation.services import tasks as task_services
from annotation.services import videos as video_services
from annotation.services import webhooks as webhook_services
from tests.factories import Team, make_team, make_user, ready_video
from tests.platform.conftest import square_rle

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 12


def _add_projects(team: Team, start: int, stop: int) -> None:
    for i in range(start, stop):
        project = project_services.project_create(user=team.manager, name=f"extra {i}")
        project_services.membership_add(project=project, user=team.reviewer.pk, role="reviewer")
        _add_videos(team, i, i + 1, project=project)


def _add_videos(team: Team, start: int, stop: int, project: Any = None) -> None:
    for i in range(start, stop):
        # Distinct bytes: a project holds each file once (a second upload of one file is refused).
        upload = SimpleUploadedFile(f"clip{i}.mp4", f"not decoded in this test {i}".encode())
        video_services.video_upload(project=project or team.project, user=team.manager, upload=upload, name=f"clip {i}")


def _add_members(team: Team, start: int, stop: int) -> None:
    for i in range(start, stop):
        project_services.membership_add(project=team.project, user=make_user(f"member{i}").pk, role="annotator")


def _add_labels(team: Team, start: int, stop: int) -> None:
    for i in range(start, stop):
        project_services.label_create(project=team.project, name=f"label {i}")


def _add_tasks(team: Team, start: int, stop: int) -> None:
    for i in range(start, stop):
        video = ready_video(team.project, frames=2, name=f"task clip {i}")
        masklet_services.masklet_create(video=video, user=team.manager)
        task_services.task_create(
            project=team.project, video=video, assignee=team.annotator.pk, reviewer=team.reviewer.pk
        )


def _add_masklets_with_masks(team: Team, start: int, stop: int) -> None:
    label = team.project.labels.first() or project_services.label_create(project=team.project, name="thing")
    for i in range(start, stop):
        masklet = masklet_services.masklet_create(video=team.video, user=team.manager, label=label.pk)
        for frame in (0, 1):
            masklet_services.frame_mask_put(
                masklet=masklet, frame=frame, rle=square_rle(top=i), version=0, user=team.manager
            )
        prompt_services.prompt_record(masklet=masklet, frame=2, user=team.manager, points=[[5, 5]], labels=[1])


def _add_masks_of_one_masklet(team: Team, start: int, stop: int) -> None:
    masklet = team.video.masklets.first() or masklet_services.masklet_create(video=team.video, user=team.manager)
    for frame in range(start, stop):
        masklet_services.frame_mask_put(masklet=masklet, frame=frame, rle=square_rle(), version=0, user=team.manager)


def _add_jobs(team: Team, start: int, stop: int) -> None:
    for _ in range(start, stop):
        job_services.job_create(project=team.project, kind="import", user=team.manager, video=team.video)


def _add_issues(team: Team, start: int, stop: int) -> None:
    for i in range(start, stop):
        issue = review_services.issue_create(video=team.video, user=team.reviewer, frame=0, text=f"issue {i}")
        review_services.comment_add(issue=issue, user=team.annotator, text="on it")
        review_services.comment_add(issue=issue, user=team.reviewer, text="thanks")


def _add_users(team: Team, start: int, stop: int) -> None:
    # People the manager may know of: they share a project (annotation/selectors/users.py).
    for i in range(start, stop):
        project_services.membership_add(project=team.project, user=make_user(f"user{i}").pk, role="annotator")


def _add_exports(team: Team, start: int, stop: int) -> None:
    from annotation.services.exports import export_start

    for _ in range(start, stop):
        export_start(project=team.project, user=team.manager, format="coco", statuses=["verified"])


def _add_webhook_deliveries(team: Team, start: int, stop: int) -> None:
    from annotation.services.webhooks import webhooks_emit

    for i in range(start, stop):
        webhooks_emit(team.project, "qa.flagged", {"masklet": i})


ENDPOINTS: dict[str, tuple[str, str, Callable[[Team, int, int], None]]] = {
    # name: (role asking, path template, how to add rows [start, stop))
    "projects": ("reviewer", "/api/projects/", _add_projects),
    "project videos": ("manager", "/api/projects/{project}/videos/", _add_videos),
    "members": ("manager", "/api/projects/{project}/members/", _add_members),
    "labels": ("manager", "/api/projects/{project}/labels/", _add_labels),
    "project tasks": ("manager", "/api/projects/{project}/tasks/", _add_tasks),
    "tasks": ("manager", "/api/tasks/", _add_tasks),
    "my tasks": ("annotator", "/api/tasks/?mine=1", _add_tasks),
    "video masklets": ("annotator", "/api/videos/{video}/masklets/", _add_masklets_with_masks),
    "video masks": ("annotator", "/api/videos/{video}/masks/", _add_masklets_with_masks),
    "masklet masks": ("annotator", "/api/masklets/{masklet}/masks/", _add_masks_of_one_masklet),
    "timeline": ("annotator", "/api/videos/{video}/timeline/", _add_masklets_with_masks),
    "video jobs": ("annotator", "/api/videos/{video}/jobs/", _add_jobs),
    "video issues": ("annotator", "/api/videos/{video}/issues/", _add_issues),
    "users": ("manager", "/api/users/", _add_users),
    "past exports": ("manager", "/api/projects/{project}/exports/", _add_exports),
    "webhook deliveries": ("manager", "/api/webhooks/{webhook}/deliveries/", _add_webhook_deliveries),
}


def _queries(team: Team, role: str, path: str) -> tuple[int, int]:
    client = team.client(role)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return len(captured), len(response.json()["masklets"] if path.endswith("timeline/") else response.json())


@pytest.mark.parametrize("name", ENDPOINTS)
def test_list_queries_do_not_grow_with_rows(name: str) -> None:
    role, template, add_rows = ENDPOINTS[name]
    team = make_team(frames=MANY)
    first = masklet_services.masklet_create(video=team.video, user=team.manager)
    hook = webhook_services.webhook_create(
        project=team.project, user=team.manager, url="https://example.org/hook", events=["qa.flagged"]
    )
    path = template.format(project=team.project.pk, video=team.video.pk, masklet=first.pk, webhook=hook.pk)
    add_rows(team, 0, FEW)
    few_queries, few_rows = _queries(team, role, path)
    add_rows(team, FEW, MANY)
    many_queries, many_rows = _queries(team, role, path)
    assert many_rows >= few_rows + (MANY - FEW), (name, few_rows, many_rows)  # the rows were listed
    assert many_queries == few_queries, f"{name}: {few_queries} queries for {few_rows} rows, {many_queries} for {many_rows}"
