"""The annotation workspace: SAM clicks, brush, undo/redo, propagation with progress, cancelling
a propagation the real worker runs, automatic masklets, shortcuts and the help overlay."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import assert_mask_shows, canvas_point, off_loop, open_workspace, wait_until

pytestmark = [pytest.mark.e2e]

# frames of the video whose propagation is cancelled: long enough to still run when Escape comes
LONG = 1500


def _mask(rest: Any, masklet: int, frame: int) -> dict[str, Any] | None:
    masks = rest.get(f"/api/masklets/{masklet}/masks/?start={frame}&end={frame}")
    return masks[0] if masks else None


def _box(page: Any, x0: float, y0: float, x1: float, y1: float) -> None:
    page.get_by_test_id("tool-box").click()
    page.mouse.move(*canvas_point(page, x0, y0))
    page.mouse.down()
    page.mouse.move(*canvas_point(page, (x0 + x1) / 2, (y0 + y1) / 2), steps=3)
    page.mouse.move(*canvas_point(page, x1, y1), steps=3)
    page.mouse.up()


def _jobs_settled(api: Any, video: int) -> None:
    """Wait until no job of the video runs, so the worker writes nothing while the next test's
    database flush runs (a TRUNCATE against a worker's insert deadlocks)."""
    wait_until(
        lambda: all(j["status"] in ("succeeded", "failed", "cancelled") for j in api.get(f"/api/videos/{video}/jobs/")),
        timeout=180,
        what="the video's jobs to finish",
    )


def _only_masklet(rest: Any, video: int) -> int:
    masklets = wait_until(lambda: rest.get(f"/api/videos/{video}/masklets/"), what="a masklet")
    assert len(masklets) == 1
    return masklets[0]["id"]


def test_click_brush_undo_redo(open_page: Any, team: Any, rest: Any, celery_worker: Any) -> None:
    api = rest(team.annotator)
    page = open_page(team.annotator)
    open_workspace(page, f"/tasks/{team.task.pk}")
    assert page.get_by_test_id("current-frame").inner_text() == "0"
    assert page.get_by_test_id("backend-label").inner_text()

    # a box around the square starts a new object and shows its mask
    _box(page, 6, 16, 38, 48)
    masklet = _only_masklet(api, team.video.pk)
    clicked = wait_until(lambda: _mask(api, masklet, 0), what="the prompt mask")
    assert clicked["area"] > 0, clicked
    assert_mask_shows(page, clicked)
    page.locator("[data-testid=timeline][data-rows='1']").wait_for()
    assert int(page.get_by_test_id("timeline").get_attribute("data-segments")) >= 1

    # brush a stroke into the empty corner
    page.get_by_test_id("tool-brush").click()
    page.get_by_test_id("brush-size").fill("4")
    page.mouse.move(*canvas_point(page, 70, 8))
    page.mouse.down()
    page.mouse.move(*canvas_point(page, 80, 8), steps=5)
    page.mouse.move(*canvas_point(page, 88, 8), steps=5)
    page.mouse.up()
    brushed = wait_until(
        lambda: (m := _mask(api, masklet, 0)) and m["source"] == "edited" and m,
        what="the brushed mask",
    )
    assert brushed["area"] > clicked["area"]
    assert_mask_shows(page, brushed)

    # undo puts the previous RLE back; redo the brushed one
    # the history is updated once the browser has the server's answer, a moment after the server
    # stored the mask: wait for the button before using the shortcut
    page.locator("[data-testid=undo]:not([disabled])").wait_for()
    page.keyboard.press("Control+z")
    undone = wait_until(lambda: (m := _mask(api, masklet, 0)) and m["version"] > brushed["version"] and m, what="undo")
    assert undone["rle"]["counts"] == clicked["rle"]["counts"]
    page.locator("[data-testid=redo]:not([disabled])").wait_for()
    page.keyboard.press("Control+Shift+Z")
    redone = wait_until(lambda: (m := _mask(api, masklet, 0)) and m["version"] > undone["version"] and m, what="redo")
    assert redone["rle"]["counts"] == brushed["rle"]["counts"]

    # eraser removes pixels
    page.keyboard.press("e")
    page.mouse.move(*canvas_point(page, 22, 32))
    page.mouse.down()
    page.mouse.move(*canvas_point(page, 26, 32), steps=3)
    page.mouse.up()
    erased = wait_until(lambda: (m := _mask(api, masklet, 0)) and m["version"] > redone["version"] and m, what="erase")
    assert erased["area"] < redone["area"]
    assert_mask_shows(page, erased)

    # the help overlay lists the shortcuts
    page.keyboard.press("?")
    page.get_by_test_id("help-overlay").wait_for()
    assert "Propagate forward" in page.get_by_test_id("help-overlay").inner_text()
    page.keyboard.press("Escape")
    page.get_by_test_id("help-overlay").wait_for(state="detached")

    # frames step with the keyboard
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.get_by_test_id("current-frame").inner_text() == "2"
    page.locator("[data-testid=canvas][data-frame='2'][data-loaded='1']").wait_for()
    assert not page.js_errors


def test_propagate_with_progress(open_page: Any, team: Any, rest: Any, celery_worker: Any) -> None:
    api = rest(team.annotator)
    page = open_page(team.annotator)
    open_workspace(page, f"/videos/{team.video.pk}")
    _box(page, 6, 16, 38, 48)
    page.locator("[data-testid=canvas][data-masks='1']").wait_for()
    masklet = _only_masklet(api, team.video.pk)

    page.get_by_test_id("propagate-direction").select_option("forward")
    page.get_by_test_id("propagate-frames").fill("12")
    page.get_by_test_id("propagate").click()
    page.get_by_test_id("propagate-job").wait_for()
    page.locator("[data-testid=propagate-job][data-status=succeeded]").wait_for(timeout=120_000)
    masks = api.get(f"/api/masklets/{masklet}/masks/?start=0&end=11")
    assert [m["frame"] for m in masks] == list(range(12))
    assert {m["source"] for m in masks[1:]} == {"propagated"}

    # the propagated masks show on later frames (fetched for the frames around the current one)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert_mask_shows(page, masks[3])
    # the timeline row shows the prompt frame, then propagated frames
    wait_until(lambda: int(page.get_by_test_id("timeline").get_attribute("data-segments")) >= 2, what="timeline segments")

    assert not page.js_errors


def _long_video(team: Any) -> int:
    from annotation.services import tasks as task_services
    from tests.factories import ready_video

    video = ready_video(team.project, frames=LONG, name="long")
    task_services.task_create(project=team.project, video=video, assignee=team.annotator.pk, reviewer=team.reviewer.pk)
    return video.pk


def test_cancel_a_running_propagation_on_the_real_worker(open_page: Any, team: Any, rest: Any, celery_worker: Any) -> None:
    """Escape cancels the propagation the real worker is running: it stops part-way (a long video
    keeps it running long enough), the job ends "cancelled" and later frames get no mask."""
    api = rest(team.annotator)
    video = off_loop(_long_video, team)
    page = open_page(team.annotator)
    open_workspace(page, f"/videos/{video}")
    _box(page, 6, 16, 38, 48)
    page.locator("[data-testid=canvas][data-masks='1']").wait_for()
    masklet = _only_masklet(api, video)

    page.get_by_test_id("propagate-direction").select_option("forward")
    page.get_by_test_id("propagate-frames").fill(str(LONG))
    page.evaluate("() => document.activeElement.blur()")
    with page.expect_response(lambda r: r.url.endswith(f"/api/videos/{video}/propagations/") and r.request.method == "POST") as started:
        page.keyboard.press("f")
    job = started.value.json()["job"]
    page.locator("[data-testid=propagate-job][data-status=running]").wait_for(timeout=120_000)
    with page.expect_request(lambda r: r.url.endswith(f"/api/jobs/{job}/cancel/") and r.method == "POST"):
        page.keyboard.press("Escape")
    page.locator("[data-testid=propagate-job][data-status=cancelled]").wait_for(timeout=120_000)
    assert api.get(f"/api/jobs/{job}/")["status"] == "cancelled"
    _jobs_settled(api, video)
    stored = api.get(f"/api/masklets/{masklet}/masks/?start=0&end={LONG - 1}")
    assert len(stored) < LONG, "the worker stopped before the last frame"
    assert not page.js_errors


def test_automatic_masklets_accept_and_discard(open_page: Any, team: Any, rest: Any, celery_worker: Any) -> None:
    api = rest(team.annotator)
    page = open_page(team.annotator)
    open_workspace(page, f"/videos/{team.video.pk}")
    page.get_by_test_id("automask").click()
    page.get_by_test_id("automask-job").wait_for()
    page.locator("[data-testid=auto-list] li").first.wait_for(timeout=180_000)
    pending = api.get(f"/api/videos/{team.video.pk}/masklets/")
    assert pending and all(m["origin"] == "auto" and m["status"] == "needs_verification" for m in pending)

    first = pending[0]["id"]
    page.get_by_test_id(f"auto-accept-{first}").click()
    wait_until(lambda: api.get(f"/api/masklets/{first}/")["status"] == "draft", what="accepted masklet")
    page.get_by_test_id(f"masklet-{first}").wait_for()
    if len(pending) > 1:
        second = pending[1]["id"]
        page.get_by_test_id(f"auto-discard-{second}").click()
        wait_until(lambda: api.call("GET", f"/api/masklets/{second}/", expect=(200, 404)) is not None
                   and api.session.get(api.base + f"/api/masklets/{second}/").status_code == 404, what="discarded masklet")
    _jobs_settled(api, team.video.pk)
    assert not page.js_errors
