"""Uploads waiting for the ingest worker show their place in line, then ingest and turn ready,
live on the project page (the worker is paused meanwhile, so they really wait)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_dashboard import _small_clip
from tests.worker_control import paused_workers

pytestmark = [pytest.mark.e2e]


def test_waiting_uploads_show_their_place_in_line(open_page: Any, team: Any, celery_worker: Any, tmp_path: Path) -> None:
    clips = [_small_clip(tmp_path / "one.mp4", frames=6), _small_clip(tmp_path / "two.mp4", frames=9)]
    page = open_page(team.manager, f"/projects/{team.project.pk}")
    page.get_by_test_id("videos-section").wait_for()
    rows = {name: page.locator("[data-testid^=video-row-]", has_text=name) for name in ("one", "two")}
    with paused_workers():
        page.get_by_test_id("upload-input").set_input_files([str(c) for c in clips])
        for row in rows.values():
            row.locator("[data-testid=video-status]", has_text="queued (position").wait_for()
        labels = sorted(row.get_by_test_id("video-status").inner_text() for row in rows.values())
        assert labels == ["queued (position 1)", "queued (position 2)"]
        assert page.get_by_test_id("ingest-progress").count() == 0  # no progress bar while waiting
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "ingest-queue.png"))
    # The worker takes them: each row turns ready without a reload.
    for name in rows:
        page.locator("[data-testid^=video-row-][data-status=ready]", has_text=name).wait_for(timeout=90_000)
    assert page.js_errors == []
