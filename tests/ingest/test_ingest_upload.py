"""What the upload request itself decides, before any worker: the file's SHA-256 is computed while
the body is parsed; a file the project already holds answers 409 before anything is stored or
queued; a waiting ingest shows its place in line ("queued, position N") apart from one that runs.

No worker takes these jobs: the test's transaction never commits, so they are never sent.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import RequestFactory
from rest_framework.test import APIClient

from annotation.api.upload_hash import hash_uploads
from annotation.jobs.registry import JOB_KINDS
from annotation.models import Job, Project, Video
from annotation.models.jobs import KIND_QUEUES
from annotation.services import jobs as job_services
from annotation.services.exports import export_start
from annotation.services.ingest import video_ingest_settle
from annotation.services.videos import automasklets_start
from tests.factories import PASSWORD, ready_video
from tests.ingest.conftest import make_project, stored_files, upload

pytestmark = pytest.mark.django_db


def clip_bytes(seed: int, size: int = 4096) -> bytes:
    """Distinct bytes per seed (what the file holds is the worker's business, not the upload's)."""
    return b"\x00\x00\x00\x18ftypmp42" + hashlib.sha256(str(seed).encode()).digest() * (size // 32)


@pytest.mark.parametrize("size", [70_000, 3 * 1024 * 1024 + 17], ids=["in-memory", "temporary-file"])
def test_the_hash_is_taken_while_django_parses_the_body(size: int) -> None:
    data = os.urandom(size)
    request = RequestFactory().post("/api/projects/1/videos/", {"file": SimpleUploadedFile("a.mp4", data), "name": "a"})
    hashes = hash_uploads(request)
    received = request.FILES["file"]  # Django's multipart parser runs here, chunk by chunk
    assert hashes.sha256 == {"file": hashlib.sha256(data).hexdigest()}
    assert isinstance(received, TemporaryUploadedFile) == (size > 2_621_440)  # FILE_UPLOAD_MAX_MEMORY_SIZE
    assert received.read() == data and request.POST["name"] == "a"  # handed on unchanged


def test_a_file_the_project_holds_is_refused_with_409_before_any_job(manager_client: Any, manager: Any) -> None:
    client = manager_client
    project = make_project(client)
    data = clip_bytes(1)
    first = upload(client, project, data, name="first.mp4")
    assert first.status_code == 201, first.json()
    assert first.json()["content_hash"] == hashlib.sha256(data).hexdigest()
    stored, jobs = stored_files(), Job.objects.count()

    # While the first waits for its ingest, and under another name.
    again = upload(client, project, data, name="renamed.mp4")
    assert again.status_code == 409
    assert again.json() == {
        "detail": f"This file is being added to the project as video 'first.mp4' (id {first.json()['id']}); "
        "it was not added twice.",
        "duplicate_of": first.json()["id"],
    }
    assert (stored_files(), Job.objects.count(), Video.objects.filter(project_id=project).count()) == (stored, jobs, 1)

    # Another project may hold the same file.
    assert upload(client, make_project(client, "other"), data).status_code == 201

    # Once the first failed (here: cancelled while waiting), its hash is free again.
    job = Job.objects.get(pk=first.json()["job"])
    job_services.job_cancel(job=job)
    video_ingest_settle(job_id=job.pk)
    assert Video.objects.get(pk=first.json()["id"]).status == "failed"
    assert upload(client, project, data, name="retry.mp4").status_code == 201


def test_a_browser_session_upload_is_hashed_too(manager: Any, caplog: pytest.LogCaptureFixture) -> None:
    """A session's CSRF check reads the form, so the body is parsed during authentication: the
    hashing handler must already be in place then."""
    browser = APIClient(enforce_csrf_checks=True)
    browser.get("/api/auth/csrf/")
    assert browser.post(
        "/api/auth/login/", {"username": manager.username, "password": PASSWORD}, format="json",
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    ).status_code == 200
    csrf = browser.cookies["csrftoken"].value
    project = browser.post("/api/projects/", {"name": "mine"}, format="json", HTTP_X_CSRFTOKEN=csrf).json()["id"]
    data = clip_bytes(2, size=3 * 1024 * 1024)
    sent = {"file": SimpleUploadedFile("clip.mp4", data)}
    created = browser.post(f"/api/projects/{project}/videos/", sent, format="multipart", HTTP_X_CSRFTOKEN=csrf)
    assert created.status_code == 201, created.json()
    assert created.json()["content_hash"] == hashlib.sha256(data).hexdigest()
    sent = {"file": SimpleUploadedFile("clip.mp4", data)}
    refused = browser.post(f"/api/projects/{project}/videos/", sent, format="multipart", HTTP_X_CSRFTOKEN=csrf)
    assert refused.status_code == 409 and refused.json()["duplicate_of"] == created.json()["id"]
    assert "not hashed while received" not in caplog.text


def test_queue_positions_count_on_the_queues_jobs_are_sent_to() -> None:
    assert {str(kind): route.queue for kind, route in JOB_KINDS.items()} == KIND_QUEUES


def test_waiting_ingests_show_their_place_in_line(manager_client: Any, manager: Any) -> None:
    client = manager_client
    a, b = make_project(client, "a"), make_project(client, "b")
    created = [upload(client, project, clip_bytes(10 + i)).json() for i, project in enumerate((a, b, a))]
    # One cpu queue for every project: places 1, 2, 3 in upload order.
    assert [c["queue_position"] for c in created] == [1, 2, 3]
    assert [(v["status"], v["queue_position"]) for v in client.get(f"/api/projects/{a}/videos/").json()] == [
        ("processing", 1), ("processing", 3)
    ]
    assert client.get(f"/api/jobs/{created[1]['job']}/").json()["queue_position"] == 2
    assert client.get(f"/api/videos/{created[2]['id']}/jobs/").json()[0]["queue_position"] == 3
    # An export waits on the same cpu queue, behind them; GPU work has a line of its own.
    export = export_start(project=Project.objects.get(pk=b), user=manager, format="sav")
    assert client.get(f"/api/jobs/{export.pk}/").json()["queue_position"] == 4
    ready = ready_video(Project.objects.get(pk=b), frames=1)
    automask = automasklets_start(video=ready, user=manager, params={})
    assert client.get(f"/api/jobs/{automask.pk}/").json()["queue_position"] == 1

    # The first starts: it is processing, out of the line, and the others move up.
    job_services.job_start(job=Job.objects.get(pk=created[0]["job"]))
    first = client.get(f"/api/videos/{created[0]['id']}/").json()
    assert (first["status"], first["queue_position"]) == ("processing", None)
    running = client.get(f"/api/jobs/{created[0]['job']}/").json()
    assert (running["status"], running["queue_position"]) == ("running", None)
    assert [client.get(f"/api/videos/{c['id']}/").json()["queue_position"] for c in created[1:]] == [1, 2]
    # The second is cancelled while it waits: the third is next.
    cancelled = client.post(f"/api/jobs/{created[1]['job']}/cancel/").json()
    assert (cancelled["status"], cancelled["queue_position"]) == ("cancelled", None)
    assert client.get(f"/api/videos/{created[2]['id']}/").json()["queue_position"] == 1
    assert client.get(f"/api/jobs/{export.pk}/").json()["queue_position"] == 2


def test_uploads_from_token_clients_are_hashed_while_received(
    manager_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    project = make_project(manager_client)
    assert upload(manager_client, project, clip_bytes(3)).status_code == 201
    assert "not hashed while received" not in caplog.text
