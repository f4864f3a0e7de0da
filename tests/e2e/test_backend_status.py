"""The workspace says which backend answers clicks, from what the live workers announce (not
the web process's settings), and what each queue's workers run."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import open_workspace

pytestmark = [pytest.mark.e2e]


def test_the_workspace_shows_the_backend_of_each_queue(open_page: Any, team: Any, celery_worker: Any) -> None:
    page = open_page(team.annotator)
    open_workspace(page, f"/tasks/{team.task.pk}")
    label = page.get_by_test_id("backend-label")
    assert "OpenCV" in label.inner_text() and "backend-opencv" in (label.get_attribute("class") or "")
    label.click()
    interactive = page.get_by_test_id("backend-queue-interactive")
    interactive.wait_for()
    assert "OpenCV" in interactive.inner_text() and "cpu" in interactive.inner_text()
    assert "OpenCV" in page.get_by_test_id("backend-queue-batch").inner_text()
    # The session's one worker serves every queue, so the cpu queue's worker runs OpenCV too.
    assert "ingest and exports" in page.get_by_test_id("backend-queue-cpu").inner_text()
