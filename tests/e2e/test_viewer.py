"""Viewing in the workspace (issue 14), read from the canvas's pixels: playback with masks drawn
(Space, speed), a colour per object with its label as a chip, opacity, outline mode, solo and
hide per object, H for all; the timeline's zoom, fixed height, scrolling rows and collapsible
proposals with thumbnails and scores. Screenshots in test-artifacts/e2e/viewer/.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest

from tests.e2e.conftest import (
    ARTIFACTS,
    canvas_rgb,
    drawn_masks,
    off_loop,
    open_workspace,
    wait_drawn,
)

pytestmark = [pytest.mark.e2e]

SHOTS = ARTIFACTS / "viewer"
FRAMES = 48
# the squares of the two objects (top, left, size) in the 96x64 synthetic frames
A = (2, 2, 14)
B = (48, 78, 14)
# the colours of objects #1 and #2 (lib/compose.ts INSTANCE_PALETTE)
COLOUR_1 = (0x1E, 0x90, 0xFF)
COLOUR_2 = (0xF3, 0x84, 0x00)


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _square(top: int, left: int, size: int) -> Any:
    import maskcodec

    m = np.zeros((64, 96), dtype=bool)
    m[top : top + size, left : left + size] = True
    return maskcodec.encode(m)


def _objects(video: Any) -> dict[str, Any]:
    """Two objects of one label with a mask on every frame, 12 empty ones, two pending proposals."""
    from annotation.models import Label
    from annotation.models.masklets import MaskletOrigin, MaskletStatus, MaskSource
    from annotation.services.masklets import NewMask, frame_masks_store, masklet_create

    label = Label.objects.create(project=video.project, name="person", color="#e6194b")
    a = masklet_create(video=video, label=label)
    b = masklet_create(video=video, label=label)
    for masklet, sq in ((a, A), (b, B)):
        frame_masks_store(masklet=masklet, masks=[NewMask(frame=f, rle=_square(*sq), source=MaskSource.PROPAGATED) for f in range(FRAMES)])
    for _ in range(12):
        masklet_create(video=video)
    proposals = []
    for score, sq in ((0.87, (20, 40, 20)), (0.64, (30, 60, 16))):
        p = masklet_create(video=video, origin=MaskletOrigin.AUTO, status=MaskletStatus.NEEDS_VERIFICATION)
        frame_masks_store(masklet=p, masks=[NewMask(frame=3, rle=_square(*sq), source=MaskSource.AUTO, score=score)])
        proposals.append(p.pk)
    return {"a": a.pk, "b": b.pk, "proposals": proposals}


def _centre(sq: tuple[int, int, int]) -> tuple[float, float]:
    top, left, size = sq
    return left + size / 2, top + size / 2


def _close(rgb: tuple[int, int, int], want: tuple[int, int, int], tol: int = 6) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(rgb, want, strict=True))


@pytest.fixture
def viewer(transactional_db: Any) -> Any:
    from tests.factories import make_team

    team = off_loop(make_team, "view", frames=FRAMES)
    team.objects = off_loop(_objects, team.video)
    return team


def _versions(team: Any) -> str:
    from annotation.models import FrameMask

    def read() -> dict[int, int]:
        return dict(FrameMask.objects.filter(masklet_id__in=[team.objects["a"], team.objects["b"]], frame=0).values_list("masklet_id", "version"))

    v = off_loop(read)
    return drawn_masks(*v.items())


def test_colours_opacity_outline_solo_and_hide(open_page: Any, viewer: Any) -> None:
    a, b = viewer.objects["a"], viewer.objects["b"]
    both = _versions(viewer)
    page = open_page(viewer.annotator)
    open_workspace(page, f"/videos/{viewer.video.pk}")
    wait_drawn(page, 0, both)
    # each object has its own colour although both are "person"; the label shows as a chip
    assert page.get_by_test_id(f"masklet-{a}").get_by_test_id("label-chip").inner_text() == "person"
    assert page.get_by_test_id(f"masklet-{b}").get_by_test_id("label-chip").inner_text() == "person"
    page.get_by_test_id("mask-opacity").fill("100")
    page.evaluate("() => document.activeElement.blur()")
    wait_drawn(page, 0, both)
    page.wait_for_timeout(200)  # the redraw runs on the next animation frame
    assert _close(canvas_rgb(page, *_centre(A)), COLOUR_1), canvas_rgb(page, *_centre(A))
    assert _close(canvas_rgb(page, *_centre(B)), COLOUR_2), canvas_rgb(page, *_centre(B))
    _shot(page, "01-opaque-instance-colours")

    # H hides every mask: the frame's own pixels come back
    page.keyboard.press("h")
    wait_drawn(page, 0, "")
    bare_a, bare_b = canvas_rgb(page, *_centre(A)), canvas_rgb(page, *_centre(B))
    assert not _close(bare_a, COLOUR_1) and not _close(bare_b, COLOUR_2)
    page.keyboard.press("h")
    wait_drawn(page, 0, both)

    # opacity 0: fills vanish; outline mode (K) then draws the border only
    page.get_by_test_id("mask-opacity").fill("0")
    page.evaluate("() => document.activeElement.blur()")
    page.wait_for_timeout(300)
    assert _close(canvas_rgb(page, *_centre(A)), bare_a)
    page.get_by_test_id("mask-opacity").fill("60")
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("k")
    assert page.get_by_test_id("mask-outline").is_checked()
    page.wait_for_timeout(300)
    assert _close(canvas_rgb(page, *_centre(A)), bare_a), "outline mode leaves the inside unpainted"
    top, left, _size = A
    assert _close(canvas_rgb(page, left + 0.2, top + 5), COLOUR_1), "the border is drawn opaque"
    _shot(page, "02-outline")
    page.keyboard.press("k")

    # solo object #1: #2 disappears; hide #1: nothing of #1 either
    page.get_by_test_id(f"solo-{a}").click()
    wait_drawn(page, 0, drawn_masks(*[tuple(int(x) for x in p.split(":")) for p in both.split() if p.startswith(f"{a}:")]))
    assert _close(canvas_rgb(page, *_centre(B)), bare_b)
    assert not _close(canvas_rgb(page, *_centre(A)), bare_a)
    page.get_by_test_id("solo-off").wait_for()
    _shot(page, "03-solo")
    page.get_by_test_id(f"solo-{a}").click()
    page.get_by_test_id(f"hide-{a}").click()
    wait_drawn(page, 0, drawn_masks(*[tuple(int(x) for x in p.split(":")) for p in both.split() if p.startswith(f"{b}:")]))
    assert _close(canvas_rgb(page, *_centre(A)), bare_a)
    assert not _close(canvas_rgb(page, *_centre(B)), bare_b)
    assert not page.js_errors, page.js_errors


def test_playback_draws_masks_on_every_frame(open_page: Any, viewer: Any) -> None:
    both = _versions(viewer)
    page = open_page(viewer.annotator)
    open_workspace(page, f"/videos/{viewer.video.pk}")
    wait_drawn(page, 0, both)
    # record every paint of the canvas: which frame, with which masks
    page.evaluate(
        """() => {
          window.__paints = [];
          const c = document.querySelector("[data-testid=canvas]");
          new MutationObserver(() => window.__paints.push([c.dataset.drawnFrame, c.dataset.drawnMasks, performance.now()]))
            .observe(c, { attributes: true, attributeFilter: ["data-drawn-frame", "data-drawn-masks"] });
        }"""
    )
    page.get_by_test_id("play-speed").select_option("2")
    page.evaluate("() => document.activeElement.blur()")
    assert page.get_by_test_id("play-rate").inner_text() == "48 fps"
    page.keyboard.press("Space")
    page.locator("[data-testid=play][data-playing='1']").wait_for()
    _shot(page, "04-playing")
    # playback stops by itself on the last frame
    page.locator("[data-testid=play][data-playing='0']").wait_for(timeout=120_000)
    assert page.get_by_test_id("current-frame").inner_text() == str(FRAMES - 1)
    paints = page.evaluate("() => window.__paints")
    frames_painted = {int(f) for f, _m, _t in paints if f}
    # every frame painted during playback carried both objects' masks (frame 3 has proposals too)
    wanted = set(both.split())
    assert all(wanted <= set(m.split()) for f, m, _t in paints if f), [p for p in paints if p[0] and not wanted <= set(p[1].split())][:5]
    # frames are shown one after another, none skipped (playback waits for each frame's paint)
    order = [int(f) for f, _m, _t in paints if f]
    assert order == sorted(order)
    assert frames_painted >= set(range(1, FRAMES)), sorted(set(range(FRAMES)) - frames_painted)

    # at 0.25x (6 fps) playback can never run faster than that; Space pauses it
    page.keyboard.press("Home")
    wait_drawn(page, 0)
    page.get_by_test_id("play-speed").select_option("0.25")
    page.evaluate("() => document.activeElement.blur()")
    assert page.get_by_test_id("play-rate").inner_text() == "6 fps"
    t0 = time.monotonic()
    page.keyboard.press("Space")
    page.wait_for_function("() => Number(document.querySelector('[data-testid=current-frame]').innerText) >= 6", timeout=60_000)
    assert time.monotonic() - t0 >= 5 / 6
    page.keyboard.press("Space")
    page.locator("[data-testid=play][data-playing='0']").wait_for()
    paused = int(page.get_by_test_id("current-frame").inner_text())
    page.wait_for_timeout(600)
    assert int(page.get_by_test_id("current-frame").inner_text()) == paused
    # stepping keys unchanged
    page.keyboard.press("ArrowRight")
    wait_drawn(page, paused + 1, both)
    page.keyboard.press("ArrowLeft")
    wait_drawn(page, paused, both)
    assert not page.js_errors, page.js_errors


def test_timeline_zoom_rows_and_proposals(open_page: Any, viewer: Any) -> None:
    proposals = viewer.objects["proposals"]
    page = open_page(viewer.annotator)
    open_workspace(page, f"/videos/{viewer.video.pk}")
    timeline = page.get_by_test_id("timeline")
    # 2 objects + 12 empty ones, then the "Proposals (2)" header and its 2 rows
    page.locator("[data-testid=timeline][data-rows='16'][data-lines='17']").wait_for()
    height = timeline.bounding_box()["height"]
    group = page.get_by_test_id("timeline-group-proposals")
    assert "Proposals (2)" in group.inner_text()

    # rows scroll inside the fixed height
    box = timeline.bounding_box()
    page.mouse.move(box["x"] + 60, box["y"] + box["height"] - 20)
    page.mouse.wheel(0, 200)
    page.wait_for_function("() => Number(document.querySelector('[data-testid=timeline]').dataset.scrollTop) > 0")
    _shot(page, "05-timeline-scrolled")

    # collapsing the proposals hides their rows; the height does not change
    group.click()
    page.locator("[data-testid=timeline][data-lines='15']").wait_for()
    assert timeline.bounding_box()["height"] == height
    group.click()
    page.locator("[data-testid=timeline][data-lines='17']").wait_for()

    # zoom: buttons, then Ctrl+wheel, then back to the whole video
    assert timeline.get_attribute("data-zoom") == "1.00"
    page.get_by_test_id("timeline-zoom-in").click()
    page.locator("[data-testid=timeline]:not([data-zoom='1.00'])").wait_for()
    assert int(timeline.get_attribute("data-last-frame")) - int(timeline.get_attribute("data-first-frame")) < FRAMES - 1
    zoomed = float(timeline.get_attribute("data-zoom"))
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 20)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    page.wait_for_function(f"() => Number(document.querySelector('[data-testid=timeline]').dataset.zoom) > {zoomed}")
    _shot(page, "06-timeline-zoomed")
    # zoomed in, the view follows the frame shown
    page.keyboard.press("End")
    wait_drawn(page, FRAMES - 1)
    assert int(timeline.get_attribute("data-last-frame")) == FRAMES - 1
    page.get_by_test_id("timeline-zoom-fit").click()
    page.locator("[data-testid=timeline][data-zoom='1.00']").wait_for()

    # each proposal: a thumbnail cropped from its key frame, and its score
    for pid, score in zip(proposals, ("0.87", "0.64"), strict=True):
        thumb = page.locator(f"[data-testid=proposal-thumb-{pid}][data-drawn='1']")
        thumb.wait_for()
        assert thumb.get_attribute("data-frame") == "3"
        assert page.get_by_test_id(f"proposal-score-{pid}").inner_text() == score
        # the crop is centred on the proposal's mask, tinted in its colour: not an empty canvas
        centre = page.evaluate(
            "(id) => Array.from(document.querySelector(`[data-testid=proposal-thumb-${id}]`).getContext('2d').getImageData(24, 24, 1, 1).data)",
            pid,
        )
        assert centre[3] == 255 and sum(centre[:3]) > 60, centre
    _shot(page, "07-proposals")
    assert not page.js_errors, page.js_errors
