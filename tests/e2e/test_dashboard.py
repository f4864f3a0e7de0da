"""The manager's dashboard: upload with progress and ingest, tasks, members, labels; queues."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from tests.e2e.conftest import off_loop
from tests.factories import make_user

pytestmark = [pytest.mark.e2e]


def _small_clip(path: Path, frames: int = 8) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 8, (96, 64))
    for i in range(frames):
        frame = np.full((64, 96, 3), 30, np.uint8)
        frame[20:44, 10 + 4 * i : 34 + 4 * i] = (40, 200, 230)
        writer.write(frame)
    writer.release()
    return path


def test_upload_and_ingest(open_page: Any, team: Any, celery_worker: Any, tmp_path: Path) -> None:
    page = open_page(team.manager, f"/projects/{team.project.pk}")
    page.get_by_test_id("videos-section").wait_for()
    page.get_by_test_id("upload-input").set_input_files(str(_small_clip(tmp_path / "moving.mp4")))
    page.get_by_test_id("upload-row").wait_for()
    page.get_by_test_id("upload-progress").wait_for()
    row = page.locator("[data-testid^=video-row-]", has_text="moving")
    row.wait_for()
    # ingest runs on the worker; the row turns ready without a reload
    page.locator("[data-testid^=video-row-][data-status=ready]", has_text="moving").wait_for(timeout=90_000)
    assert page.locator("[data-testid^=open-video-]").count() == 2


def test_tasks_members_labels(open_page: Any, team: Any) -> None:
    off_loop(make_user, "e2enewcomer")
    page = open_page(team.manager, f"/projects/{team.project.pk}")
    page.get_by_test_id("project-page").wait_for()

    page.get_by_test_id("member-username").fill("e2enewcomer")
    page.get_by_test_id("member-role").select_option("reviewer")
    page.get_by_test_id("add-member").click()
    page.get_by_test_id("member-e2enewcomer").wait_for()
    assert "reviewer" in page.get_by_test_id("member-e2enewcomer").inner_text()

    page.get_by_test_id("member-username").fill("nobody-by-that-name")
    page.get_by_test_id("add-member").click()
    page.get_by_test_id("add-member-form").get_by_test_id("error-line").wait_for()

    page.get_by_test_id("label-name").fill("bicycle")
    page.get_by_test_id("add-label").click()
    page.get_by_test_id("label-bicycle").wait_for()

    page.get_by_test_id("task-video").select_option(str(team.video.pk))
    page.get_by_test_id("task-frame-start").fill("2")
    page.get_by_test_id("task-frame-end").fill("7")
    page.get_by_test_id("task-assignee").select_option(str(team.other_annotator.pk))
    page.get_by_test_id("task-reviewer").select_option(str(team.reviewer.pk))
    page.get_by_test_id("create-task").click()
    rows = page.locator("[data-testid^=task-row-]")
    rows.nth(1).wait_for()
    assert rows.count() == 2
    new_row = page.locator("[data-testid^=task-row-]", has_text="2–7")
    assert new_row.count() == 1

    # the other annotator sees the new task in their queue and opens it
    other = open_page(team.other_annotator, "/tasks")
    other.get_by_test_id("my-queue").wait_for()
    assert "2–7" in other.get_by_test_id("my-queue").inner_text()
    other.locator("[data-testid^=open-task-]").first.click()
    other.locator("[data-testid=canvas][data-loaded='1']").wait_for()
    assert other.get_by_test_id("current-frame").inner_text() == "2"
    assert other.get_by_test_id("task-panel").is_visible()


def test_annotator_sees_only_their_queue(open_page: Any, team: Any) -> None:
    page = open_page(team.annotator, "/")
    page.get_by_test_id("home-queue").wait_for()
    assert page.locator("[data-testid^=queue-task-]").count() == 1
    other = open_page(team.other_annotator, "/")
    other.get_by_test_id("home-queue").wait_for()
    assert other.locator("[data-testid^=queue-task-]").count() == 0
