"""A bounded schemathesis run against the real server: uvicorn (config.asgi), PostgreSQL, Redis and
real Celery workers (OpenCV backend), signed in as a project manager, with data in place: a
project, a video ingested by the worker, a masklet with a mask, a task, a label, a review issue,
a job. It must find no server error and no answer that breaks the schema (status codes, content
types, headers, bodies).

Bounded: fixed seed, a few examples per operation, schemathesis' time budget of 2 minutes and a
hard timeout under 3. Path
parameters name the real objects, so operations reach their logic instead of a 404; each DELETE
names an object of its own, so deleting it does not empty the run.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import requests

from annotation.models import Job, Masklet, Membership, Project, Task
from annotation.models.jobs import FINISHED_STATUSES
from annotation.services import jobs as job_services
from annotation.services import masklets as masklet_services
from annotation.services import projects as project_services
from annotation.services import review as review_services
from annotation.services import tasks as task_services
from annotation.services.errors import Conflict
from tests.factories import PASSWORD, make_user, ready_video
from tests.platform.conftest import square_rle
from tests.worker_control import exclusive

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db")]

SEED = 20261130
MAX_EXAMPLES = 4
# schemathesis' own budget: the coverage phase (every operation, positive and negative cases)
# takes about 100 s on an idle machine; fuzzing repeats until the budget is spent, then it stops.
MAX_TIME_S = 120
RUN_TIMEOUT_S = 170
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)
# Operations left out, and why: under /api/auth/, logging out and deleting (revoking) credentials
# would end the very token the run is signed in with, and every later request would be a 401.
EXCLUDED_AUTH = ["^/api/auth/.*logout", "^/api/auth/"]  # every method of the first; DELETE of the second


def _frames_zip(test_data: Path, count: int = 6) -> bytes:
    """The first bedroom frames (tests/data/bedroom) as a zip of JPEGs, a format ingest accepts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((test_data / "bedroom").glob("*.jpg"))[:count]:
            archive.write(path, path.name)
    return buffer.getvalue()


def _wait(predicate: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def _world(url: str, test_data: Path) -> dict[str, Any]:
    """The data the run works on, made through the API and the services; ids for the paths."""
    manager = make_user("st-manager")
    annotator = make_user("st-annotator")
    reviewer = make_user("st-reviewer")
    victim = make_user("st-victim")
    api = requests.Session()
    token = api.post(f"{url}/api/auth/token", json={"username": "st-manager", "password": PASSWORD}, timeout=10)
    assert token.status_code == 200, token.text
    api.headers["Authorization"] = f"Token {token.json()['token']}"

    project = project_services.project_create(user=manager, name="schemathesis")
    for user, role in ((annotator, "annotator"), (reviewer, "reviewer"), (victim, "annotator")):
        project_services.membership_add(project=project, user=user.pk, role=role)
    upload = api.post(
        f"{url}/api/projects/{project.pk}/videos/",
        files={"file": ("bedroom.zip", _frames_zip(test_data), "application/zip")},
        timeout=30,
    )
    assert upload.status_code == 201, upload.text
    video_id = upload.json()["id"]
    _wait(lambda: api.get(f"{url}/api/videos/{video_id}/", timeout=10).json()["status"] == "ready", 120, "ingest")
    video = project.videos.get(pk=video_id)

    label = project_services.label_create(project=project, name="chair", color="#00ff00")
    masklet = masklet_services.masklet_create(video=video, user=manager, label=label.pk)
    height, width = video.height, video.width
    masklet_services.frame_mask_put(
        masklet=masklet, frame=0, rle=square_rle(height, width, 100, 100, 80), version=0, user=manager
    )
    task = task_services.task_create(project=project, video=video, assignee=annotator.pk, reviewer=reviewer.pk)
    # Answers with nulls in them, for the schema's nullable fields: a task nobody is assigned to,
    # a masklet without a label (doomed_masklet), an issue on no masklet, a job on no video.
    task_services.task_create(project=project, video=video, frame_start=2, frame_end=3)
    issue = review_services.issue_create(video=video, user=reviewer, frame=1, text="edge is off")
    job = job_services.job_create(project=project, kind="export", user=manager, params={"format": "sav"})

    # One object per DELETE, so that deleting it leaves the rest in place.
    doomed_project = project_services.project_create(user=manager, name="to delete")
    doomed_video = ready_video(project, frames=3, name="to delete")
    doomed_masklet = masklet_services.masklet_create(video=video, user=manager)
    doomed_label = project_services.label_create(project=project, name="to delete", color="#ff0000")
    doomed_task = task_services.task_create(project=project, video=video, assignee=annotator.pk)
    doomed_member = Membership.objects.get(project=project, user=victim)
    return {
        "token": api.headers["Authorization"],
        "doomed": {"project": doomed_project.pk, "masklet": doomed_masklet.pk},
        "paths": {
            "/api/projects/{id}/": project.pk,
            "/api/projects/{id}/members/": project.pk,
            "/api/projects/{id}/labels/": project.pk,
            "/api/projects/{id}/videos/": project.pk,
            "/api/projects/{id}/tasks/": project.pk,
            "/api/projects/{id}/exports/": project.pk,
            "/api/labels/{id}/": label.pk,
            "/api/tasks/{id}/": task.pk,
            "/api/tasks/{id}/transitions/": task.pk,
            "/api/videos/{id}/": video.pk,
            "/api/videos/{id}/thumbnail/": video.pk,
            "/api/videos/{id}/masklets/": video.pk,
            "/api/videos/{id}/masks/": video.pk,
            "/api/videos/{id}/timeline/": video.pk,
            "/api/videos/{id}/jobs/": video.pk,
            "/api/videos/{id}/propagations/": video.pk,
            "/api/videos/{id}/automasklets/": video.pk,
            "/api/videos/{id}/imports/": video.pk,
            "/api/videos/{id}/evaluations/": video.pk,
            "/api/videos/{id}/issues/": video.pk,
            "/api/issues/{id}/": issue.pk,
            "/api/issues/{id}/comments/": issue.pk,
            "/api/masklets/{id}/": masklet.pk,
            "/api/masklets/{id}/masks/": masklet.pk,
            "/api/masklets/{id}/prompts/": masklet.pk,
            "/api/jobs/{id}/": job.pk,
            "/api/jobs/{id}/cancel/": job.pk,
            "/api/jobs/{id}/download/": job.pk,
        },
        "special": [
            ("/api/videos/{id}/frames/{index}/", "GET", {"path.id": video.pk}),
            ("/api/masklets/{id}/masks/{frame}/", "PUT", {"path.id": masklet.pk}),
            ("/api/projects/{id}/", "DELETE", {"path.id": doomed_project.pk}),
            ("/api/videos/{id}/", "DELETE", {"path.id": doomed_video.pk}),
            ("/api/masklets/{id}/", "DELETE", {"path.id": doomed_masklet.pk}),
            ("/api/labels/{id}/", "DELETE", {"path.id": doomed_label.pk}),
            ("/api/tasks/{id}/", "DELETE", {"path.id": doomed_task.pk}),
            (
                "/api/projects/{id}/members/{membership_id}/",
                "DELETE",
                {"path.id": project.pk, "path.membership_id": doomed_member.pk},
            ),
        ],
    }


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _operation(path: str, methods: tuple[str, ...] = METHODS, **settings: str) -> list[str]:
    """A schemathesis.toml entry for `methods` of `path` (a regex). Its include keys would match
    either a path or a method, so the methods are chosen by excluding the others."""
    lines = ["[[operations]]", f"include-path-regex = {json.dumps(path)}"]
    others = [method for method in METHODS if method not in methods]
    if others:
        lines.append(f"exclude-method = {json.dumps(others)}")
    return lines + [f"{key} = {value}" for key, value in settings.items()] + [""]


def _config(world: dict[str, Any]) -> str:
    """schemathesis.toml: the token, the operations left out, and per operation the ids its path
    names (each operation matches exactly one entry)."""
    lines = [f"headers = {{ Authorization = {json.dumps(world['token'])} }}", ""]
    lines += _operation(EXCLUDED_AUTH[0], enabled="false")
    lines += _operation(EXCLUDED_AUTH[1], ("DELETE",), enabled="false")
    deletes = {path for path, method, _ in world["special"] if method == "DELETE"}
    for path, pk in world["paths"].items():
        methods = METHODS[:-1] if path in deletes else METHODS
        lines += _operation(f"^{re.escape(path)}$", methods, parameters=f'{{ "path.id" = {pk} }}')
    for path, method, parameters in world["special"]:
        values = ", ".join(f"{json.dumps(k)} = {v}" for k, v in parameters.items())
        lines += _operation(f"^{re.escape(path)}$", (method,), parameters=f"{{ {values} }}")
    return "\n".join(lines)


def _settle_jobs() -> None:
    """Cancel what the run queued and wait for the workers to let go, before the tables are emptied."""
    for job in Job.objects.exclude(status__in=FINISHED_STATUSES):
        try:
            job_services.job_cancel(job=job)
        except Conflict:
            pass  # it finished between the query and the cancel: nothing left to stop
    _wait(lambda: not Job.objects.exclude(status__in=FINISHED_STATUSES).exists(), 60, "jobs to finish")


def test_schemathesis_finds_no_server_error_and_no_schema_violation(
    live_server_url: str, start_worker: Callable[..., Any], test_data: Path, tmp_path: Path
) -> None:
    with exclusive(start_worker) as start:
        # Clicks get a worker of their own: a long job on the batch queue never makes one wait (503).
        start("interactive")
        start("batch,cpu")
        world = _world(live_server_url, test_data)
        run = _run(live_server_url, world, tmp_path)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-20000:]
    suites = [ElementTree.parse(path).getroot() for path in (tmp_path / "report").glob("junit*.xml")]
    assert suites, output[-5000:]
    cases = [case for suite in suites for case in suite.iter("testcase")]
    problems = [case for case in cases if case.find("failure") is not None or case.find("error") is not None]
    assert len(cases) >= 50 and problems == [], output[-20000:]  # every operation ran; none failed
    print(output[output.find("Test cases:"):])
    # The run reached the API's logic as the manager: each DELETE removed its own object.
    assert not Project.objects.filter(pk=world["doomed"]["project"]).exists()
    assert not Masklet.objects.filter(pk=world["doomed"]["masklet"]).exists()
    assert Project.objects.filter(pk=world["paths"]["/api/projects/{id}/"]).exists()  # the rest stayed
    assert Task.objects.filter(pk=world["paths"]["/api/tasks/{id}/"]).exists()


def _run(live_server_url: str, world: dict[str, Any], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "schemathesis.toml"
    config.write_text(_config(world))
    command = [
        str(Path(sys.executable).with_name("st")), "--config-file", str(config), "run",
        f"{live_server_url}/api/schema/", "--url", live_server_url,
        "--checks", CHECKS, "--seed", str(SEED), "--max-examples", str(MAX_EXAMPLES), "--workers", "1",
        "--max-time", str(MAX_TIME_S),
        "--phases", "examples,coverage,fuzzing", "--generation-database", "none",
        "--request-timeout", "30", "--no-color", "--suppress-health-check", "all",
        "--report", "junit", "--report-dir", str(tmp_path / "report"),
    ]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, cwd=tmp_path)
    finally:
        _settle_jobs()
