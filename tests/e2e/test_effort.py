"""The effort dashboard from a scripted interaction log (tests/analytics/test_effort.py's script),
the CSV download, an annotator's own view, task progress, and the workspace's activity heartbeat."""

from __future__ import annotations

from typing import Any

import pytest

from annotation.models import Interaction
from tests.analytics.test_effort import play_script
from tests.e2e.conftest import off_loop, open_workspace, wait_until
from tests.factories import Team, make_team

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def team(transactional_db: Any) -> Team:
    """The script's 6-frame team: a session worker, if one runs, propagates the script's
    propagation over exactly the frames the script stores itself (1-5), so the numbers hold."""
    return off_loop(make_team, "e2e", frames=6)


def _bars(page: Any, test_id: str) -> dict[str, str]:
    bars = page.get_by_test_id(f"{test_id}-bar")
    return {bars.nth(i).get_attribute("data-label"): bars.nth(i).get_attribute("data-value") for i in range(bars.count())}


def test_effort_dashboard(open_page: Any, team: Any, tmp_path: Any) -> None:
    off_loop(play_script, team)
    page = open_page(team.manager, f"/projects/{team.project.pk}")
    page.get_by_test_id("effort-link").click()
    page.get_by_test_id("effort-page").wait_for()
    # Per-annotator bars: seconds per annotated frame and clicks per masklet, as the API computes them.
    assert _bars(page, "effort-annotators") == {"e2eannotator": "20.556", "e2eother": "40"}
    assert _bars(page, "effort-clicks") == {"e2eannotator": "2.5", "e2eother": "2"}
    # The time series: active minutes and annotated frames per day.
    assert _bars(page, "effort-days") == {"2026-03-02": "3", "2026-03-03": "0.75"}
    assert _bars(page, "effort-days-frames") == {"2026-03-02": "9", "2026-03-03": "1"}
    row = page.get_by_test_id("effort-row-e2eannotator").inner_text()
    assert "9 (5 / 4)" in row and "3.1 min" in row
    with page.expect_download() as download:
        page.get_by_test_id("effort-csv-annotator").click()
    saved = tmp_path / "effort.csv"
    download.value.save_as(saved)
    lines = saved.read_text().splitlines()
    assert lines[0].startswith("key,label,active_seconds,annotated_frames")
    assert sorted(line.split(",")[1:4] for line in lines[1:]) == [["e2eannotator", "185.0", "9"], ["e2eother", "40.0", "1"]]
    assert not page.js_errors  # type: ignore[attr-defined]


def test_an_annotator_sees_own_effort_progress_and_sends_heartbeats(open_page: Any, team: Any) -> None:
    off_loop(play_script, team)
    page = open_page(team.annotator, f"/projects/{team.project.pk}/effort")
    page.get_by_test_id("effort-page").wait_for()
    assert _bars(page, "effort-annotators") == {"e2eannotator": "20.556"}
    # Task progress: frames 0-5, all of the task's 6, hold a mask.
    page.goto("/tasks")
    progress = page.get_by_test_id("task-progress").first
    progress.wait_for()
    assert progress.get_attribute("title") == "6 of 6 frames annotated"
    assert "100%" in progress.inner_text()
    before = off_loop(lambda: Interaction.objects.filter(user=team.annotator, kind="view").count())
    open_workspace(page, f"/tasks/{team.task.pk}")
    wait_until(
        lambda: off_loop(lambda: Interaction.objects.filter(user=team.annotator, kind="view").count()) > before,
        what="the workspace's activity heartbeat",
    )
    assert not page.js_errors  # type: ignore[attr-defined]
