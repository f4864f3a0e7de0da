"""The classical backend on a synthetic clip with ground truth (moving textured object, occluder)."""

from __future__ import annotations

import numpy as np
import pytest

from inference.engine import ArrayFrameSource, PromptError, propagate_both
from inference.engine.opencv_backend import OpenCVBackend
from inference.engine.synthetic import iou, make_clip

from .conftest import CountingFrames


@pytest.fixture(scope="module")
def backend():
    return OpenCVBackend()


def test_box_on_first_frame_tracks_through_occlusion_with_mean_iou_above_08(backend, clip):
    assert clip.occluded_frames, "the clip must hide the object for some frames"
    session = backend.open_session(ArrayFrameSource(clip.frames))
    first = session.add_points(1, 0, None, None, box=clip.boxes[0].tolist())
    assert iou(first.mask, clip.masks[0]) > 0.9
    ious = {fm.frame: iou(fm.masks[1], clip.masks[fm.frame]) for fm in session.propagate(0)}
    assert sorted(ious) == list(range(len(clip.frames)))
    mean_iou = float(np.mean(list(ious.values())))
    after_occlusion = [ious[f] for f in range(max(clip.occluded_frames) + 1, len(clip.frames))]
    assert mean_iou > 0.8, ious
    assert min(after_occlusion) > 0.8, "the object must be recovered after the occluder passed"


@pytest.mark.parametrize("seed", [1, 2])
def test_tracking_holds_on_other_random_clips(backend, seed):
    clip = make_clip(num_frames=30, seed=seed, width=400, height=300)
    session = backend.open_session(ArrayFrameSource(clip.frames))
    session.add_points(7, 0, None, None, box=clip.boxes[0].tolist())
    ious = [iou(fm.masks[7], clip.masks[fm.frame]) for fm in session.propagate(0)]
    assert np.mean(ious) > 0.8


def test_clicks_segment_the_object_and_a_negative_click_is_respected(backend, clip):
    session = backend.open_session(ArrayFrameSource(clip.frames))
    x0, y0, x1, y1 = clip.boxes[5]
    centre = [(x0 + x1) / 2, (y0 + y1) / 2]
    result = session.add_points(1, 5, [centre], [1])
    assert iou(result.mask, clip.masks[5]) > 0.7
    assert 0.0 <= result.score <= 1.0
    background_point = [10.0, 10.0]
    corrected = session.add_points(1, 5, [centre, background_point], [1, 0])
    assert not corrected.mask[10, 10]


def test_backward_propagation_max_frames_and_cancel(backend, clip):
    frames = CountingFrames(clip.frames)
    session = backend.open_session(frames)
    last = len(clip.frames) - 1
    session.add_points(1, last, None, None, box=clip.boxes[last].tolist())
    backward = list(session.propagate(last, "backward", max_frames=10))
    assert [fm.frame for fm in backward] == list(range(last, last - 10, -1))
    assert np.mean([iou(fm.masks[1], clip.masks[fm.frame]) for fm in backward]) > 0.8
    assert len(frames.reads) <= 11, "frames are read lazily, once per propagated frame"

    calls = iter(range(100))
    cancelled = list(session.propagate(last, "backward", should_cancel=lambda: next(calls) >= 3))
    assert len(cancelled) == 3


def test_propagate_both_yields_every_frame_once(backend, clip):
    session = backend.open_session(ArrayFrameSource(clip.frames[:20]))
    session.add_points(1, 10, None, None, box=clip.boxes[10].tolist())
    frames = [fm.frame for fm in propagate_both(session, 10)]
    assert sorted(frames) == list(range(20)) and frames[0] == 10


def test_resume_from_stored_masks_in_a_new_session(backend, clip):
    first = backend.open_session(ArrayFrameSource(clip.frames))
    first.add_points(1, 0, None, None, box=clip.boxes[0].tolist())
    stored = {fm.frame: fm.masks[1] for fm in first.propagate(0, max_frames=12)}
    first.close()

    second = backend.open_session(ArrayFrameSource(clip.frames))
    second.add_mask(1, 0, stored[0])  # the conditioning frame
    second.add_mask(1, 11, stored[11])  # the last stored frame
    resumed = list(second.propagate(11))
    assert resumed[0].frame == 11 and np.array_equal(resumed[0].masks[1], stored[11])
    assert np.mean([iou(fm.masks[1], clip.masks[fm.frame]) for fm in resumed]) > 0.8


def test_prompt_errors_are_plain(backend, clip):
    session = backend.open_session(ArrayFrameSource(clip.frames))
    with pytest.raises(PromptError, match="outside the video"):
        session.add_points(1, 99, [[5, 5]], [1])
    with pytest.raises(PromptError, match="outside the 320x240 frame"):
        session.add_points(1, 0, [[500, 5]], [1])
    with pytest.raises(PromptError, match="labels"):
        session.add_points(1, 0, [[5, 5]], [1, 0])
    with pytest.raises(PromptError, match="no object"):
        session.propagate(0)
    with pytest.raises(PromptError, match="mask is"):
        session.add_mask(1, 0, np.zeros((10, 10), bool))


def test_auto_masks_propose_the_object(backend, clip):
    frame = clip.frames[0]
    proposals = backend.auto_masks(frame)
    assert proposals, "expected at least one region"
    best = max(iou(p.mask, clip.masks[0]) for p in proposals)
    assert best > 0.6
    for p in proposals:
        assert p.mask.shape == frame.shape[:2] and p.mask.dtype == bool
        assert 0 <= p.score <= 1 and 0 <= p.stability <= 1 and len(p.bbox) == 4


def test_grabcut_until_stable_continues_as_one_call_and_stops_once_settled(clip):
    """Iterating one GC_EVAL at a time from the models the last left is GrabCut with more
    iterations: the same trimap as one call of that many. On a clean object it settles early."""
    import cv2

    from inference.engine.grabcut import (
        GC_BGD,
        GC_PR_BGD,
        GC_PR_FGD,
        empty_model,
        grabcut_until_stable,
        is_object,
    )

    image = np.ascontiguousarray(clip.frames[0])
    x0, y0, x1, y1 = (int(v) for v in clip.boxes[0])
    trimap = np.full(image.shape[:2], GC_BGD, np.uint8)
    trimap[max(0, y0 - 20):y1 + 20, max(0, x0 - 20):x1 + 20] = GC_PR_BGD
    trimap[y0:y1, x0:x1] = GC_PR_FGD

    stepped = trimap.copy()
    ran = grabcut_until_stable(image, stepped, 5, tolerance=0.0)  # never "settled": all 5
    whole = trimap.copy()
    cv2.grabCut(image, whole, None, empty_model(), empty_model(), 5, cv2.GC_INIT_WITH_MASK)
    assert ran == 5
    assert np.array_equal(stepped, whole)

    settled = trimap.copy()
    ran = grabcut_until_stable(image, settled, 5)
    assert ran < 5
    assert iou(is_object(settled), clip.masks[0]) > 0.9
    assert iou(is_object(settled), is_object(whole)) > 0.99


def test_a_correction_stays_near_its_object(backend, test_data):
    """A second positive click inside the bed (bedroom frame 0) refines the mask around it: the
    correction's cut works on a window around the previous mask and the clicks, so the mask
    cannot leak to the far side of the frame (it reached the top edge when the cut took the
    whole frame)."""
    from inference.engine import FolderFrameSource

    with backend.open_session(FolderFrameSource(test_data / "bedroom")) as session:
        first = session.add_points(1, 0, [[450, 250]], [1]).mask
        corrected = session.add_points(1, 0, [[450, 250], [480, 300]], [1, 1]).mask
    ys, xs = np.nonzero(first)
    height, width = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
    window = np.zeros_like(first)
    window[max(0, ys.min() - height // 2): ys.max() + height // 2 + 1,
           max(0, xs.min() - width // 2): xs.max() + width // 2 + 1] = True
    assert corrected[~window].sum() == 0, "the correction reached beyond half the object's size"
    assert iou(corrected, first) > 0.7, "a click inside the object keeps it"
