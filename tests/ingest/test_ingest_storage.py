"""Ingest and frame serving use only Django storage APIs: they work unchanged on a storage with no
local paths (Django's InMemoryStorage standing in for S3), and leave nothing behind there on failure.

The ingest runs in-process through the real Celery task (`ingest_video.apply`), so the storage
override applies to it; the job is never queued for the session's worker (the test's transaction
is never committed, so the upload's on-commit send does not happen).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings

from annotation.models import Job, Video
from annotation.services.ingest import local_copy
from annotation.tasks import ingest_video
from tests.ingest.conftest import body_of, jpeg_pixels, make_project, stored_files, upload
from tests.media.media_helpers import read_barcode, write_video

pytestmark = pytest.mark.django_db

IN_MEMORY = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def memory_files(prefix: str = "") -> list[str]:
    """Every file in the (in-memory) default storage under `prefix`."""
    try:
        folders, files = default_storage.listdir(prefix)
    except FileNotFoundError:
        return []
    found = [f"{prefix}/{name}".lstrip("/") for name in files]
    for folder in folders:
        found += memory_files(f"{prefix}/{folder}".lstrip("/"))
    return sorted(found)


@override_settings(STORAGES=IN_MEMORY)
def test_ingest_and_serving_on_a_storage_without_local_paths(manager_client: Any, tmp_path: Path) -> None:
    probe = default_storage.save("uploads/probe.bin", ContentFile(b"x"))
    assert not os.path.exists(default_storage.path(probe)), "really a storage without local files"
    default_storage.delete(probe)
    on_disk = stored_files()
    client = manager_client
    project = make_project(client, annotation_fps=12)
    clip = write_video(tmp_path / "barcode.mkv", 48, fps=24, container_format="matroska")
    created = upload(client, project, clip).json()
    assert created["status"] == "processing"
    assert ingest_video.apply(args=[created["job"]]).get() == "succeeded"

    info = client.get(f"/api/videos/{created['id']}/").json()
    assert (info["status"], info["frame_count"], info["width"], info["height"]) == ("ready", 24, 128, 64)
    for index in range(24):
        frame = client.get(f"/api/videos/{created['id']}/frames/{index}/?size=full")
        assert frame.status_code == 200
        assert read_barcode(jpeg_pixels(body_of(frame))) == 2 * index  # 12 of 24 fps: every other frame
    etag = client.get(f"/api/videos/{created['id']}/frames/3/")["ETag"]
    assert client.get(f"/api/videos/{created['id']}/frames/3/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(info["thumbnail_url"]).status_code == 200
    frames = memory_files(f"videos/{created['id']}")
    assert len(frames) == 24 * 2 + 1 and f"videos/{created['id']}/thumbnail.jpg" in frames
    assert stored_files() == on_disk, "nothing may be written to local disk"


@override_settings(STORAGES=IN_MEMORY)
def test_failure_part_way_leaves_nothing_in_a_remote_storage(manager_client: Any, tmp_path: Path) -> None:
    client = manager_client
    project = make_project(client)
    full = write_video(tmp_path / "fast.mp4", 240, container_options={"movflags": "faststart"})
    cut = tmp_path / "fast-half.mp4"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])  # frames are stored before the cut shows
    created = upload(client, project, cut).json()
    assert memory_files("uploads"), "the upload went to the storage"
    assert ingest_video.apply(args=[created["job"]]).get() == "failed"
    video = Video.objects.get(pk=created["id"])
    assert video.status == "failed" and "seems truncated" in video.error
    assert Job.objects.get(pk=created["job"]).progress > 0, "frames were stored before the cut showed"
    assert memory_files() == []


@override_settings(STORAGES=IN_MEMORY)
def test_local_copy_streams_a_remote_file_to_a_temporary_file_and_removes_it() -> None:
    name = default_storage.save("uploads/sample.bin", ContentFile(os.urandom(3 * 1024 * 1024 + 5)))
    with local_copy(name) as path:
        assert os.path.isfile(path) and path.endswith(".bin")
        with default_storage.open(name, "rb") as stored, open(path, "rb") as copied:
            assert copied.read() == stored.read()
    assert not os.path.exists(path)
    # An error inside the block propagates unchanged and the copy is still removed.
    with pytest.raises(NotImplementedError, match="raised by the caller"):
        with local_copy(name) as path:
            raise NotImplementedError("raised by the caller")
    assert not os.path.exists(path)


def test_local_copy_is_the_file_itself_on_local_storage() -> None:
    name = default_storage.save("uploads/local-sample.bin", ContentFile(b"abc"))
    try:
        with local_copy(name) as path:
            assert path == default_storage.path(name)
    finally:
        default_storage.delete(name)
