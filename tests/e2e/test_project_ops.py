"""Issue 14: the live project page (task states without a reload), label editing and deletion,
video deletion with confirmation, and renaming objects in the workspace.
Screenshots: test-artifacts/e2e/ops/."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import open_workspace, wait_until
from tests.e2e.test_workspace_ops import _shot

pytestmark = [pytest.mark.e2e]


def test_project_page_shows_task_states_live(open_page: Any, team: Any, rest: Any) -> None:
    page = open_page(team.manager, f"/projects/{team.project.pk}")
    page.locator("[data-testid=project-live]", has_text="live").wait_for()
    row = page.get_by_test_id(f"task-row-{team.task.pk}")
    row.locator("[data-testid=task-state]", has_text="new").wait_for()
    page.evaluate("window.__sameDocument = true")  # gone if the page reloaded
    annotator_api = rest(team.annotator)
    annotator_api.post(f"/api/tasks/{team.task.pk}/transitions/", {"action": "start"})
    row.locator("[data-testid=task-state]", has_text="in progress").wait_for()
    annotator_api.post(f"/api/tasks/{team.task.pk}/transitions/", {"action": "submit"})
    row.locator("[data-testid=task-state]", has_text="submitted").wait_for()
    assert page.evaluate("window.__sameDocument") is True
    _shot(page, "project-live-submitted")
    assert not page.js_errors


def test_labels_are_edited_and_deleted_and_videos_deleted_after_confirmation(open_page: Any, team: Any, rest: Any) -> None:
    manager_api = rest(team.manager)
    project = team.project.pk
    page = open_page(team.manager, f"/projects/{project}")
    form = page.get_by_test_id("add-label-form")
    form.get_by_label("New label name").fill("dgo")
    form.get_by_test_id("add-label").click()
    row = page.get_by_test_id("label-dgo")
    row.wait_for()
    assert form.get_by_label("New label name").input_value() == ""
    label = next(lbl for lbl in manager_api.get(f"/api/projects/{project}/labels/") if lbl["name"] == "dgo")
    masklet = rest(team.annotator).post(f"/api/videos/{team.video.pk}/masklets/", {"label": label["id"], "name": "rex"})["id"]

    # rename in place (Enter saves)
    name = row.get_by_label("Name of label dgo")
    name.fill("dog")
    name.press("Enter")
    wait_until(lambda: any(lbl["name"] == "dog" for lbl in manager_api.get(f"/api/projects/{project}/labels/")), what="label renamed")
    _shot(page, "label-renamed")

    # delete: dismissing keeps it; accepting removes it and the object loses its label only
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_test_id(f"label-delete-{label['id']}").click()
    assert any(lbl["id"] == label["id"] for lbl in manager_api.get(f"/api/projects/{project}/labels/"))
    page.once("dialog", lambda d: d.accept())
    page.get_by_test_id(f"label-delete-{label['id']}").click()
    page.get_by_test_id("label-dog").wait_for(state="detached")
    assert all(lbl["id"] != label["id"] for lbl in manager_api.get(f"/api/projects/{project}/labels/"))
    got = manager_api.get(f"/api/masklets/{masklet}/")
    assert got["label"] is None and got["name"] == "rex"

    # the video: a confirmation first, then it and its task are gone
    video = team.video.pk
    messages: list[str] = []

    def dismiss(d: Any) -> None:
        messages.append(d.message)
        d.dismiss()

    page.once("dialog", dismiss)
    page.get_by_test_id(f"video-delete-{video}").click()
    assert "Exports already made stay downloadable" in messages[0]
    manager_api.get(f"/api/videos/{video}/")
    page.once("dialog", lambda d: d.accept())
    page.get_by_test_id(f"video-delete-{video}").click()
    page.get_by_test_id(f"video-row-{video}").wait_for(state="detached")
    manager_api.get(f"/api/videos/{video}/", expect=404)
    assert manager_api.get(f"/api/projects/{project}/tasks/") == []
    _shot(page, "video-deleted")
    assert not page.js_errors


def test_objects_are_renamed_in_the_workspace(open_page: Any, team: Any, rest: Any) -> None:
    annotator_api = rest(team.annotator)
    masklet = annotator_api.post(f"/api/videos/{team.video.pk}/masklets/", {"label": None, "name": ""})["id"]
    page = open_page(team.annotator)
    open_workspace(page, f"/tasks/{team.task.pk}")
    page.get_by_test_id(f"masklet-{masklet}").click()
    field = page.get_by_test_id("masklet-name")
    field.fill("left dog")
    field.press("Enter")
    wait_until(lambda: annotator_api.get(f"/api/masklets/{masklet}/")["name"] == "left dog", what="object renamed")
    page.get_by_test_id(f"masklet-{masklet}").get_by_text("left dog").wait_for()
    # Escape leaves the field without saving what was typed
    field.fill("typo")
    field.press("Escape")
    assert field.input_value() == "left dog"
    assert annotator_api.get(f"/api/masklets/{masklet}/")["name"] == "left dog"
    _shot(page, "object-renamed")
    assert not page.js_errors


def test_label_attributes_are_defined_then_set_on_an_object(open_page: Any, team: Any, rest: Any) -> None:
    manager_api = rest(team.manager)
    label = manager_api.post(f"/api/projects/{team.project.pk}/labels/", {"name": "person", "color": "#3366ff"})
    boss = open_page(team.manager, f"/projects/{team.project.pk}")
    editor = boss.get_by_test_id("attributes-person")
    editor.get_by_test_id("attribute-name").fill("pose")
    editor.get_by_test_id("attribute-type").select_option("select")
    editor.get_by_test_id("attribute-options").fill("standing, sitting")
    editor.get_by_test_id("attribute-add").click()
    editor.get_by_test_id("attribute-pose").wait_for()
    editor.get_by_test_id("attribute-name").fill("occluded")
    editor.get_by_test_id("attribute-type").select_option("checkbox")
    editor.get_by_test_id("attribute-add").click()
    editor.get_by_test_id("attribute-occluded").wait_for()
    schema = next(lbl for lbl in manager_api.get(f"/api/projects/{team.project.pk}/labels/") if lbl["id"] == label["id"])["attributes"]
    assert schema == [
        {"name": "pose", "type": "select", "options": ["standing", "sitting"]},
        {"name": "occluded", "type": "checkbox", "options": []},
    ]
    _shot(boss, "label-attributes")

    annotator_api = rest(team.annotator)
    masklet = annotator_api.post(f"/api/videos/{team.video.pk}/masklets/", {"label": label["id"], "name": "kid"})["id"]
    page = open_page(team.annotator)
    open_workspace(page, f"/tasks/{team.task.pk}")
    page.get_by_test_id(f"masklet-{masklet}").click()
    values = page.get_by_test_id("masklet-attributes")
    values.get_by_test_id("attribute-value-pose").select_option("sitting")
    wait_until(lambda: annotator_api.get(f"/api/masklets/{masklet}/")["attributes"].get("pose") == "sitting", what="pose set")
    values.get_by_test_id("attribute-value-occluded").check()
    wait_until(lambda: annotator_api.get(f"/api/masklets/{masklet}/")["attributes"] == {"pose": "sitting", "occluded": True}, what="occluded set")
    _shot(page, "object-attributes")
    assert not page.js_errors and not boss.js_errors
