"""The ingest job's life cycle with the real worker: cancelled while running or while queued, the
video ends failed with words and storage holds nothing of it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from annotation.services.ingest import CANCELLED_MESSAGE
from tests.ingest.conftest import (
    files_of_video,
    make_project,
    stored_files,
    upload,
    wait_for_job,
    zip_folder,
)

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
