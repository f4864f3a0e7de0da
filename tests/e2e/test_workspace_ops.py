"""Issue 14, team points: read-only workspaces with their reason, the task's live activity feed,
edits that start a new task, Escape back to the canvas, the task form (labelled, cleared, reviewers
only), task deletion, and page loads without console errors. Screenshots: test-artifacts/e2e/ops/."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import (
    ARTIFACTS,
    canvas_point,
    login,
    open_workspace,
    wait_until,
)

pytestmark = [pytest.mark.e2e]
SHOTS = ARTIFACTS / "ops"


def _shot(page: Any, step: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{step}.png"))


def _console_errors(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return errors


def test_page_loads_log_no_errors(browser: Any, live_server_url: str, team: Any) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=live_server_url)
    try:
        page = context.new_page()
        errors = _console_errors(page)
        page.goto("/")  # anonymous: the app asks /api/auth/session/ and goes to the login page
        page.get_by_test_id("login-username").wait_for()
        assert page.url.endswith("/login?next=%2F")
        login(page, team.manager.username)
        page.goto(f"/projects/{team.project.pk}")
        page.get_by_test_id("task-table").wait_for()
        page.reload()
        page.get_by_test_id("task-table").wait_for()
        docs = page.get_by_test_id("nav-api-docs")
        assert docs.get_attribute("href") == "/api/docs/"
        _shot(page, "project-page")
        assert errors == [], errors
    finally:
        context.close()


def test_task_form_is_labelled_cleared_after_create_and_offers_reviewers_only(open_page: Any, team: Any, rest: Any) -> None:
    page = open_page(team.manager, f"/projects/{team.project.pk}")
    form = page.get_by_test_id("create-task-form")
    form.wait_for()
    # every field has a label a screen reader (and Playwright) finds it by
    form.get_by_label("Video").select_option(str(team.video.pk))
    form.get_by_label("First frame").fill("2")
    form.get_by_label("Last frame").fill("5")
    reviewer_choices = form.get_by_label("Reviewer").locator("option").all_inner_texts()
    assert team.reviewer.username in reviewer_choices and team.manager.username in reviewer_choices
    assert team.annotator.username not in reviewer_choices and team.other_annotator.username not in reviewer_choices
    assert team.outsider.username not in reviewer_choices
    assignee_choices = form.get_by_label("Assignee").locator("option").all_inner_texts()
    assert team.reviewer.username not in assignee_choices and team.annotator.username in assignee_choices
    form.get_by_label("Assignee").select_option(str(team.other_annotator.pk))
    form.get_by_label("Reviewer").select_option(str(team.reviewer.pk))
    _shot(page, "task-form-filled")
    form.get_by_test_id("create-task").click()
    wait_until(lambda: len(rest(team.manager).get(f"/api/projects/{team.project.pk}/tasks/")) == 2, what="a second task")
    created = max(rest(team.manager).get(f"/api/projects/{team.project.pk}/tasks/"), key=lambda t: t["id"])
    assert (created["frame_start"], created["frame_end"], created["assignee"], created["reviewer"]) == (2, 5, team.other_annotator.pk, team.reviewer.pk)
    page.get_by_test_id(f"task-row-{created['id']}").wait_for()
    # the form is empty again
    assert form.get_by_label("Video").input_value() == ""
    assert form.get_by_label("First frame").input_value() == "0"
    assert form.get_by_label("Last frame").input_value() == ""
    assert form.get_by_label("Assignee").input_value() == "" and form.get_by_label("Reviewer").input_value() == ""
    _shot(page, "task-form-cleared")

    # deleting asks first; dismissing keeps the task, accepting deletes it
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_test_id(f"task-delete-{created['id']}").click()
    assert len(rest(team.manager).get(f"/api/projects/{team.project.pk}/tasks/")) == 2
    page.once("dialog", lambda d: d.accept())
    page.get_by_test_id(f"task-delete-{created['id']}").click()
    page.get_by_test_id(f"task-row-{created['id']}").wait_for(state="detached")
    assert [t["id"] for t in rest(team.manager).get(f"/api/projects/{team.project.pk}/tasks/")] == [team.task.pk]
    assert not page.js_errors


def test_first_edit_starts_the_task_and_escape_returns_to_the_canvas(open_page: Any, team: Any, rest: Any) -> None:
    task = team.task.pk
    annotator_api = rest(team.annotator)
    page = open_page(team.annotator)
    open_workspace(page, f"/tasks/{task}")
    assert page.get_by_test_id("read-only").count() == 0
    page.get_by_test_id("task-submit").wait_for()  # Submit is offered on a new task too
    assert annotator_api.get(f"/api/tasks/{task}/")["state"] == "new"

    # typing in a field swallows shortcuts; Escape gives them back
    field = page.get_by_test_id("activity-text")
    field.click()
    field.type("4")
    assert page.get_by_test_id("tool-brush").get_attribute("aria-pressed") == "false"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement && document.activeElement.dataset.testid") == "canvas"
    page.keyboard.press("4")
    assert page.get_by_test_id("tool-brush").get_attribute("aria-pressed") == "true"

    # a brush stroke is the first edit: the task starts by itself
    page.mouse.move(*canvas_point(page, 30, 30))
    page.mouse.down()
    page.mouse.move(*canvas_point(page, 40, 34), steps=4)
    page.mouse.up()
    wait_until(lambda: annotator_api.get(f"/api/tasks/{task}/")["state"] == "in_progress", what="the task started by the edit")
    page.locator("[data-testid=task-panel] [data-testid=task-state]", has_text="in progress").wait_for()
    page.get_by_test_id("activity-list").locator("[data-action=start]").wait_for()
    _shot(page, "auto-started")
    assert not page.js_errors


def test_read_only_reasons_and_the_live_activity_feed(open_page: Any, team: Any, rest: Any) -> None:
    task, video = team.task.pk, team.video.pk
    manager_api, annotator_api = rest(team.manager), rest(team.annotator)
    manager_api.patch(f"/api/tasks/{task}/", {"frame_start": 0, "frame_end": 5})
    annotator_api.post(f"/api/tasks/{task}/transitions/", {"action": "start"})

    # the annotator, outside the task's frames, sees why the tools are off
    annotator = open_page(team.annotator)
    open_workspace(annotator, f"/tasks/{task}")
    annotator.locator("[data-testid=task-panel]").wait_for()
    assert not annotator.get_by_test_id("tool-brush").is_disabled()
    annotator.keyboard.press("End")  # the task's last frame
    annotator.keyboard.press("ArrowRight")  # one past it
    annotator.locator("[data-testid=current-frame]", has_text="6").wait_for()
    annotator.get_by_test_id("read-only").get_by_text("outside your task's frames").wait_for()
    assert annotator.get_by_test_id("tool-brush").is_disabled() and annotator.get_by_test_id("tool-positive").is_disabled()
    assert not annotator.get_by_test_id("tool-issue").is_disabled()
    _shot(annotator, "read-only-outside-frames")
    annotator.keyboard.press("ArrowLeft")
    annotator.get_by_test_id("read-only").wait_for(state="detached")

    # a message from the annotator; then submitting makes the workspace read-only
    annotator.get_by_test_id("activity-text").fill("frame 3 is blurred, I skipped it")
    annotator.get_by_test_id("activity-send").click()
    annotator.get_by_test_id("activity-list").get_by_text("frame 3 is blurred, I skipped it").wait_for()
    annotator.get_by_test_id("task-submit").click()
    annotator.get_by_test_id("read-only").get_by_text("submitted for review").wait_for()
    assert annotator.get_by_test_id("tool-box").is_disabled() and annotator.get_by_test_id("undo").is_disabled()
    assert annotator.get_by_test_id("propagate").is_disabled()
    # objects and proposals are the task's too: creating, proposing and deciding are off, with the reason
    for control in ("new-object", "automask"):
        assert annotator.get_by_test_id(control).is_disabled(), control
        assert "submitted for review" in (annotator.get_by_test_id(control).get_attribute("title") or ""), control
    count = len(rest(team.annotator).get(f"/api/videos/{video}/masklets/"))
    annotator.get_by_test_id("canvas").focus()
    annotator.keyboard.press("o")  # the New object shortcut says why instead of asking the server
    annotator.get_by_test_id("toast").get_by_text("Read-only: submitted for review.").wait_for()
    assert len(rest(team.annotator).get(f"/api/videos/{video}/masklets/")) == count
    _shot(annotator, "read-only-submitted")

    # the reviewer: read-only with their reason, the whole history in the feed
    reviewer = open_page(team.reviewer)
    open_workspace(reviewer, f"/tasks/{task}")
    reviewer.get_by_test_id("read-only").get_by_text("you review this task").wait_for()
    assert reviewer.get_by_test_id("tool-positive").is_disabled()
    assert reviewer.get_by_test_id("new-object").is_disabled() and reviewer.get_by_test_id("automask").is_disabled()
    feed = reviewer.get_by_test_id("activity-list")
    feed.get_by_text("frame 3 is blurred, I skipped it").wait_for()
    feed.locator("[data-action=submit]").wait_for()
    assert team.annotator.username in feed.locator("[data-action=submit]").inner_text()
    # the canvas refuses edits without a request: no masklet appears
    before = len(rest(team.reviewer).get(f"/api/videos/{video}/masklets/"))
    reviewer.get_by_test_id("tool-issue").click()  # the issue tool stays usable for reviewers
    _shot(reviewer, "read-only-reviewer")

    # the task-level rejection comment reaches the annotator live, without a reload
    reviewer.get_by_test_id("task-comment").fill("the tail is missing on frames 2-4")
    reviewer.get_by_test_id("task-reject").click()
    entry = annotator.get_by_test_id("activity-list").locator("[data-action=reject]")
    entry.wait_for(timeout=30_000)
    assert "the tail is missing on frames 2-4" in entry.inner_text() and team.reviewer.username in entry.inner_text()
    annotator.locator("[data-testid=task-panel] [data-testid=task-state]", has_text="rejected").wait_for()
    annotator.get_by_test_id("read-only").wait_for(state="detached")  # rejected: back to work
    _shot(annotator, "activity-rejection-live")
    assert len(rest(team.reviewer).get(f"/api/videos/{video}/masklets/")) == before

    # the other annotator (not on the task) cannot read the conversation
    rest(team.other_annotator).get(f"/api/tasks/{task}/activity/", expect=403)
    assert not annotator.js_errors and not reviewer.js_errors
