"""Deleting a video or a project removes, after commit, everything it had in storage: frames,
display copies, thumbnails, uploads (waiting, ingested or failed), pending import files and
exports. Each test runs on local files and on a real S3 server (moto, over HTTP), listing
storage before and after; on S3 the bucket is also listed with boto3 itself.

Jobs run in this process through their real Celery tasks (`.apply`), so the storage of the test
applies to them; the test's transaction never commits, so no job is ever sent to a worker, and
the deletions' after-commit work is run by `django_capture_on_commit_callbacks`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings

from annotation.jobs.runner import JobCancelled
from annotation.models import Video
from annotation.services.videos import video_delete
from annotation.storage import storage_delete_tree, storage_files
from annotation.tasks import ingest_video, run_export
from tests.factories import ready_video
from tests.ingest.conftest import make_project, upload
from tests.media.media_helpers import write_video
from tests.storage.conftest import Bucket

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["local", "s3"])
def bucket_or_disk(request: pytest.FixtureRequest) -> Iterator[Bucket | None]:
    """The test runs once on local files (None) and once on a fresh S3 bucket."""
    if request.param == "local":
        yield None
        return
    bucket: Bucket = request.getfixturevalue("bucket")
    with override_settings(STORAGES=bucket.storages):
        yield bucket


def _ingested(client: Any, project: int, source: Path) -> int:
    created = upload(client, project, source)
    assert created.status_code == 201, created.json()
    assert ingest_video.apply(args=[created.json()["job"]]).get() == "succeeded"
    return created.json()["id"]


def _export(client: Any, project: int, **body: Any) -> int:
    response = client.post(f"/api/projects/{project}/exports/", {"format": "coco", **body}, format="json")
    assert response.status_code == 202, response.json()
    job = response.json()["job"]
    assert run_export.apply(args=[job]).get() == "succeeded"
    return job


def test_deleting_a_video_then_its_project_leaves_nothing_in_storage(
    bucket_or_disk: Bucket | None, manager_client: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client = manager_client
    before = storage_files()
    project = make_project(client, annotation_fps=12)
    kept = _ingested(client, project, write_video(tmp_path / "kept.mkv", 24, container_format="matroska"))
    gone = _ingested(client, project, write_video(tmp_path / "gone.mkv", 36, container_format="matroska"))
    # An upload still waiting for its ingest, and one whose ingest failed.
    waiting = upload(client, project, write_video(tmp_path / "waiting.mkv", 12, container_format="matroska"))
    truncated = write_video(tmp_path / "cut.mp4", 240, container_options={"movflags": "faststart"})
    cut = truncated.read_bytes()[: truncated.stat().st_size // 2]
    failed = upload(client, project, cut, name="cut.mp4").json()
    assert ingest_video.apply(args=[failed["job"]]).get() == "failed"
    # Annotation files waiting for their import job, and exports of one video and of the project.
    imported = client.post(
        f"/api/videos/{gone}/imports/", {"file": SimpleUploadedFile("masks.json", b"{}"), "format": "coco"},
        format="multipart",
    )
    assert imported.status_code == 202, imported.json()
    gone_alone = _export(client, project, videos=[gone])
    whole = _export(client, project)

    files = set(storage_files()) - set(before)
    upload_of = {v.pk: v.source.name for v in Video.objects.filter(project_id=project)}
    assert upload_of[failed["id"]] == "", "a failed ingest removes its upload at once"
    of_gone = {name for name in files if name.startswith((f"videos/{gone}/", f"imports/{gone}/"))}
    of_gone |= {upload_of[gone]}
    assert len(of_gone) == 18 * 2 + 1 + 1 + 1  # frames, display copies, thumbnail, upload, import
    # exports already made stay valid (issue 14): even the export of the deleted video alone
    assert f"exports/{project}/job_{gone_alone}_coco.zip" in files
    assert {upload_of[kept], upload_of[waiting.json()["id"]], f"exports/{project}/job_{whole}_coco.zip"} < files
    if bucket_or_disk is not None:
        assert set(bucket_or_disk.keys()) == files

    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/api/videos/{gone}/").status_code == 204
    assert set(storage_files()) - set(before) == files - of_gone
    assert client.get(f"/api/jobs/{gone_alone}/download/").status_code == 200  # exports made stay valid (issue 14)
    assert client.get(f"/api/jobs/{whole}/download/").status_code == 200  # the project's stays
    assert client.get(f"/api/videos/{kept}/frames/11/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/api/projects/{project}/").status_code == 204
    assert storage_files() == before
    if bucket_or_disk is not None:
        assert bucket_or_disk.keys() == []


def test_files_stay_when_the_deletion_rolls_back(bucket_or_disk: Bucket | None, manager: Any) -> None:
    from annotation.models import Project

    project = Project.objects.create(name="kept", created_by=manager)
    video = ready_video(project, frames=2)
    pk, prefix = video.pk, video.storage_prefix
    files = storage_files(prefix)
    assert len(files) == 5
    with pytest.raises(RuntimeError, match="changed my mind"):
        with transaction.atomic():
            video_delete(video=video)
            raise RuntimeError("changed my mind")
    assert storage_files(prefix) == files
    assert Video.objects.filter(pk=pk).exists()
    storage_delete_tree(prefix)


def test_an_export_finishing_after_its_project_was_deleted_leaves_no_file(
    bucket_or_disk: Bucket | None, manager: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from annotation.models import Job, Project
    from annotation.services.exports import export_run, export_start
    from annotation.services.projects import project_delete

    project = Project.objects.create(name="short-lived", created_by=manager)
    ready_video(project, frames=2)
    job = Job.objects.get(pk=export_start(project=project, user=manager, format="coco").pk)
    before = storage_files()
    with django_capture_on_commit_callbacks(execute=True):
        project_delete(project=project)  # lists storage before the export below writes its file
    with pytest.raises(JobCancelled, match="project was deleted"):
        export_run(job=job, ctx=None)
    assert [name for name in storage_files() if name.startswith("exports/")] == [
        name for name in before if name.startswith("exports/")
    ]
