"""The ingest job's life cycle with the real worker: cancelled while running or while queued, the
video ends failed with words and storage holds nothing of it; deleted while its ingest runs,
nothing of it is left and the row does not come back."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from annotation.models import Video
from annotation.services.ingest import CANCELLED_MESSAGE
from tests.ingest.conftest import (
    files_of_video,
    make_project,
    stored_files,
    upload,
    wait_for_job,
    zip_folder,
)
from tests.media.media_helpers import write_video

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db", "celery_worker")]


def test_cancel_running_and_queued_ingests(
    test_data: Path, bedroom_mp4: Path, manager_client: Any, tmp_path: Path
) -> None:
    client = manager_client
    before = stored_files()
    running = upload(client, make_project(client, "a"), bedroom_mp4).json()
    # The test worker runs one task at a time: this one waits in the queue behind the first.
    archive = zip_folder(test_data / "bedroom", tmp_path / "bedroom.zip", "bedroom")
    queued = upload(client, make_project(client, "b"), archive).json()

    deadline = time.monotonic() + 60
    while client.get(f"/api/jobs/{running['job']}/").json()["status"] == "queued":
        assert time.monotonic() < deadline, "the ingest never started"
        time.sleep(0.05)
    assert client.get(f"/api/jobs/{queued['job']}/").json()["status"] == "queued"
    answer = client.post(f"/api/jobs/{queued['job']}/cancel/").json()
    assert answer["status"] == "cancelled"
    answer = client.post(f"/api/jobs/{running['job']}/cancel/").json()
    assert answer["cancel_requested"] is True

    for created in (running, queued):
        state = wait_for_job(client, created["job"])
        assert state["status"] == "cancelled", state
        # The queued one is settled when the worker meets its message; wait for that too.
        deadline = time.monotonic() + 60
        while (info := client.get(f"/api/videos/{created['id']}/").json())["status"] == "processing":
            assert time.monotonic() < deadline, "the video stayed processing"
            time.sleep(0.1)
        assert (info["status"], info["error"]) == ("failed", CANCELLED_MESSAGE)
        assert files_of_video(created["id"]) == []
    assert client.get(f"/api/jobs/{running['job']}/").json()["progress"] < 1
    assert stored_files() == before


def test_a_video_deleted_while_its_ingest_runs_leaves_nothing(
    bedroom_mp4: Path, manager_client: Any, tmp_path: Path, celery_worker: Any
) -> None:
    client = manager_client
    before = stored_files()
    log_start = celery_worker.log_path.stat().st_size
    created = upload(client, make_project(client, "deleted"), bedroom_mp4).json()
    deadline = time.monotonic() + 60
    while client.get(f"/api/jobs/{created['job']}/").json()["progress"] == 0:
        assert time.monotonic() < deadline, "the ingest never stored a frame"
        time.sleep(0.02)
    assert files_of_video(created["id"]), "frames were being stored"
    assert client.delete(f"/api/videos/{created['id']}/").status_code == 204

    # The worker runs one task at a time: once a later ingest finished, the first one has ended.
    later_project = make_project(client, "later", annotation_fps=12)
    later = upload(client, later_project, write_video(tmp_path / "later.mkv", 24, container_format="matroska")).json()
    assert wait_for_job(client, later["job"])["status"] == "succeeded"
    assert not Video.objects.filter(pk=created["id"]).exists(), "the deleted video must not come back"
    assert files_of_video(created["id"]) == []
    with open(celery_worker.log_path, "rb") as log:
        log.seek(log_start)
        worker_output = log.read().decode(errors="replace")
    assert "DoesNotExist" not in worker_output, "the runner ends a deleted job quietly"
    assert f"job {created['job']} was deleted while it ran" in worker_output
    assert client.delete(f"/api/projects/{later_project}/").status_code == 204
    assert stored_files() == before
