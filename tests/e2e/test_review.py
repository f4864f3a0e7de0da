"""Review: a reviewer steps through masklets, verifies or rejects each with a reason, drops an
issue on the frame, rejects then accepts the task; the annotator sees and resolves the issue."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import (
    assert_mask_shows,
    canvas_point,
    open_workspace,
    square_rle,
    wait_until,
)

pytestmark = [pytest.mark.e2e]


def test_review_round_trip(open_page: Any, team: Any, rest: Any) -> None:
    video, task = team.video.pk, team.task.pk
    annotator_api = rest(team.annotator)
    first = annotator_api.post(f"/api/videos/{video}/masklets/", {"label": None, "name": "left"})["id"]
    second = annotator_api.post(f"/api/videos/{video}/masklets/", {"label": None, "name": "right"})["id"]
    annotator_api.put(f"/api/masklets/{first}/masks/0/", {"rle": square_rle(20, 10, 20), "version": 0})
    annotator_api.put(f"/api/masklets/{second}/masks/0/", {"rle": square_rle(20, 60, 20), "version": 0})
    annotator_api.post(f"/api/tasks/{task}/transitions/", {"action": "start"})
    annotator_api.post(f"/api/tasks/{task}/transitions/", {"action": "submit"})

    reviewer = open_page(team.reviewer)
    open_workspace(reviewer, f"/tasks/{task}")
    reviewer.get_by_test_id("review-panel").wait_for()
    for mask in annotator_api.get(f"/api/videos/{video}/masks/?start=0&end=0"):
        assert_mask_shows(reviewer, mask)

    # step to the first object and verify it; the panel moves on to the next one
    reviewer.get_by_test_id(f"masklet-{first}").click()
    reviewer.get_by_test_id("verify-masklet").click()
    reviewer.locator(f"[data-testid=masklet-{first}][data-status=verified]").wait_for()
    assert "#2" in reviewer.get_by_test_id("review-panel").inner_text()

    # reject the second with a reason
    reviewer.get_by_test_id(f"masklet-{second}").click()
    reviewer.get_by_test_id("reject-reason").fill("misses the right edge")
    reviewer.get_by_test_id("reject-masklet").click()
    reviewer.locator(f"[data-testid=masklet-{second}][data-status=rejected]").wait_for()
    got = annotator_api.get(f"/api/masklets/{second}/")
    assert got["status"] == "rejected" and got["review_comment"] == "misses the right edge"

    # drop an issue on the frame where the problem is
    reviewer.get_by_test_id("tool-issue").click()
    reviewer.get_by_test_id(f"masklet-{first}").click()  # the click below picks the object under it
    reviewer.mouse.click(*canvas_point(reviewer, 70, 30))
    reviewer.get_by_test_id("issue-text").fill("the edge is cut here")
    reviewer.get_by_test_id("issue-submit").click()
    reviewer.get_by_test_id("issue-list").get_by_text("the edge is cut here").wait_for()
    issues = annotator_api.get(f"/api/videos/{video}/issues/")
    assert len(issues) == 1
    assert issues[0]["frame"] == 0 and issues[0]["masklet"] == second
    assert abs(issues[0]["position"][0] - 70) <= 1 and abs(issues[0]["position"][1] - 30) <= 1

    # send the task back
    reviewer.get_by_test_id("task-comment").fill("please fix the right object")
    reviewer.get_by_test_id("task-reject").click()
    wait_until(lambda: annotator_api.get(f"/api/tasks/{task}/")["state"] in ("rejected", "in_progress"), what="task rejected")

    # the annotator sees the open issue and the rejected object in their workspace
    annotator = open_page(team.annotator)
    open_workspace(annotator, f"/tasks/{task}")
    issue = annotator.get_by_test_id(f"issue-{issues[0]['id']}")
    issue.wait_for()
    assert "the edge is cut here" in issue.inner_text()
    annotator.locator(f"[data-testid=masklet-{second}][data-status=rejected]").click()
    assert "misses the right edge" in annotator.get_by_test_id("review-comment").inner_text()
    issue.get_by_test_id("issue-resolve").click()
    wait_until(lambda: annotator_api.get(f"/api/videos/{video}/issues/")[0]["resolved"], what="issue resolved")

    # resubmit; the reviewer (still on the page) sees it and accepts
    if annotator.get_by_test_id("task-start").count():
        annotator.get_by_test_id("task-start").click()
    annotator.get_by_test_id("task-submit").click()
    wait_until(lambda: annotator_api.get(f"/api/tasks/{task}/")["state"] == "submitted", what="task resubmitted")
    reviewer.get_by_test_id("task-accept").click()
    reviewer.locator("[data-testid=task-state]", has_text="accepted").wait_for()
    assert annotator_api.get(f"/api/tasks/{task}/")["state"] == "accepted"
    assert not reviewer.js_errors and not annotator.js_errors
