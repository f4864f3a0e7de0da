"""Live collaboration over the video's websocket: presence, colleagues' masks appearing without
a reload, job progress for everyone, and stale edits shown as conflicts the user resolves."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import (
    assert_mask_shows,
    canvas_point,
    open_workspace,
    square_rle,
    wait_until,
)
from tests.e2e.test_workspace import _box

pytestmark = [pytest.mark.e2e]


def _brush(page: Any, points: list[tuple[float, float]]) -> None:
    page.get_by_test_id("tool-brush").click()
    page.get_by_test_id("brush-size").fill("3")
    page.mouse.move(*canvas_point(page, *points[0]))
    page.mouse.down()
    for p in points[1:]:
        page.mouse.move(*canvas_point(page, *p), steps=4)
    page.mouse.up()


def test_presence_and_live_masks(open_page: Any, team: Any, rest: Any, celery_worker: Any) -> None:
    video = team.video.pk
    a = open_page(team.annotator)
    open_workspace(a, f"/videos/{video}")
    b = open_page(team.other_annotator)
    open_workspace(b, f"/videos/{video}")

    # who is here, and on which frame
    a.locator(f"[data-testid=presence-{team.other_annotator.username}]").wait_for()
    b.locator(f"[data-testid=presence-{team.annotator.username}]").wait_for()
    b.keyboard.press("ArrowRight")
    b.keyboard.press("ArrowRight")
    a.locator(f"[data-testid=presence-{team.other_annotator.username}]", has_text="@2").wait_for()
    b.keyboard.press("Home")
    a.locator(f"[data-testid=presence-{team.other_annotator.username}]", has_text="@0").wait_for()

    # a's new object appears on b's screen without a reload
    _box(a, 6, 16, 38, 48)
    first = wait_until(lambda: (ms := rest(team.annotator).get(f"/api/videos/{video}/masks/?start=0&end=0")) and ms[0], what="the box's mask")
    assert_mask_shows(a, first)
    assert_mask_shows(b, first)
    b.locator("[data-testid=timeline][data-rows='1']").wait_for()

    # a colleague's edit through the API shows too (mask.updated → refetch)
    masklet = rest(team.annotator).get(f"/api/videos/{video}/masklets/")[0]["id"]
    second = rest(team.annotator).post(f"/api/videos/{video}/masklets/", {"label": None, "name": "api"})
    put = rest(team.annotator).put(f"/api/masklets/{second['id']}/masks/0/", {"rle": square_rle(2, 60, 10), "version": 0})
    assert_mask_shows(b, put)

    # a's propagation shows its progress on b's screen as well
    a.get_by_test_id(f"masklet-{masklet}").click()
    a.get_by_test_id("propagate-frames").fill("12")
    a.get_by_test_id("propagate").click()
    b.get_by_test_id("propagate-job").first.wait_for()
    wait_until(
        lambda: len(rest(team.annotator).get(f"/api/masklets/{masklet}/masks/?start=0&end=11")) == 12,
        timeout=120,
        what="propagated masks",
    )
    assert not a.js_errors and not b.js_errors


def test_conflicts_keep_mine_and_take_theirs(open_page: Any, team: Any, rest: Any) -> None:
    video = team.video.pk
    colleague = rest(team.manager)
    masklet = colleague.post(f"/api/videos/{video}/masklets/", {"label": None, "name": "contested"})["id"]
    v1 = colleague.put(f"/api/masklets/{masklet}/masks/0/", {"rle": square_rle(20, 10, 24), "version": 0})

    b = open_page(team.annotator)
    # b hears nothing from the server, so b's copy of the mask goes stale
    b.route_web_socket(re.compile(r".*/ws/videos/\d+/$"), lambda ws: None)
    open_workspace(b, f"/videos/{video}")
    assert_mask_shows(b, v1)
    b.get_by_test_id(f"masklet-{masklet}").click()

    v2 = colleague.put(f"/api/masklets/{masklet}/masks/0/", {"rle": square_rle(20, 40, 10), "version": v1["version"]})

    # b's edit is answered 409: shown as a conflict, never dropped
    _brush(b, [(70, 8), (88, 8)])
    dialog = b.get_by_test_id("conflict-dialog")
    dialog.wait_for()
    assert "frame 0" in dialog.inner_text()
    b.get_by_test_id("conflict-keep-mine").click()
    dialog.wait_for(state="detached")
    mine = wait_until(
        lambda: (m := colleague.get(f"/api/masklets/{masklet}/masks/?start=0&end=0")[0])["version"] > v2["version"] and m,
        what="my edit re-put over the server's version",
    )
    assert mine["rle"]["counts"] != v2["rle"]["counts"]
    assert mine["area"] > v1["area"]  # the first square plus my stroke

    # again, and this time take theirs: nothing is written
    v4 = colleague.put(f"/api/masklets/{masklet}/masks/0/", {"rle": square_rle(5, 5, 8), "version": mine["version"]})
    _brush(b, [(50, 58), (60, 58)])
    dialog.wait_for()
    b.get_by_test_id("conflict-take-theirs").click()
    dialog.wait_for(state="detached")
    b.wait_for_timeout(500)
    now = colleague.get(f"/api/masklets/{masklet}/masks/?start=0&end=0")[0]
    assert now["version"] == v4["version"]
    assert now["rle"]["counts"] == v4["rle"]["counts"]
    assert_mask_shows(b, now)  # b now draws the server's copy
    assert not b.js_errors
