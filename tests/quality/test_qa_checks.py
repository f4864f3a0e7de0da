"""Every automated QA check on crafted masks (annotation/evaluation/qa.py, pure)."""

from __future__ import annotations

import numpy as np
import pytest

import maskcodec
from annotation.evaluation import qa

H, W = 60, 80


def rect(r0, r1, c0, c1):
    m = np.zeros((H, W), dtype=bool)
    m[r0:r1, c0:c1] = True
    return m


def stored(frame, mask, score=None):
    rle = maskcodec.encode(mask)
    return qa.StoredMask(frame=frame, rle=rle, area=maskcodec.area(rle), score=score)


BOX = rect(10, 30, 10, 30)  # 400 px
T = qa.thresholds_with_defaults({})


def kinds(findings):
    return sorted((f.kind, f.frame_start, f.frame_end) for f in findings)


def test_a_steady_masklet_has_no_flags():
    masks = [stored(f, np.roll(BOX, f, axis=1), score=0.9) for f in range(6)]
    assert qa.check_masklet(1, masks, T) == []


def test_temporal_consistency_flags_the_pair_with_low_iou():
    # frames 0-2 steady; frame 3 jumps 15 px (IoU 5*20/(35*20) = 1/7); frame 4 back near 3
    masks = [stored(0, BOX), stored(1, BOX), stored(2, BOX), stored(3, rect(10, 30, 25, 45)),
             stored(4, rect(10, 30, 25, 45))]
    found = [f for f in qa.check_masklet(7, masks, T) if f.kind == "temporal"]
    assert [(f.masklet, f.frame_start, f.frame_end) for f in found] == [(7, 2, 3)]
    assert found[0].value == pytest.approx(1 / 7, abs=1e-6)


def test_area_jump_flags_growth_over_the_ratio():
    big = rect(5, 45, 10, 30)  # 800 px: ratio 2 exactly, not above
    bigger = rect(5, 50, 10, 30)  # 900 px: ratio 2.25 over the 400 px box
    assert [f for f in qa.check_masklet(1, [stored(0, BOX), stored(1, big)], T)
            if f.kind == "area_jump"] == []
    found = [f for f in qa.check_masklet(1, [stored(0, BOX), stored(1, bigger)], T)
             if f.kind == "area_jump"]
    assert [(f.frame_start, f.frame_end) for f in found] == [(0, 1)]
    assert found[0].value == pytest.approx(2.25)


def test_fragmentation_flags_more_connected_components():
    two = BOX | rect(40, 50, 50, 60)  # a second piece of 100 px
    speck = BOX | rect(40, 42, 50, 52)  # a 4 px speck: below min_component_px
    masks = [stored(0, BOX), stored(1, speck), stored(2, two), stored(3, two), stored(4, BOX)]
    found = [f for f in qa.check_masklet(1, masks, T) if f.kind == "fragmentation"]
    # frame 2 has 2 components where frame 1 had 1; frame 3 stays at 2 (no new split)
    assert [(f.frame_start, f.frame_end, f.value) for f in found] == [(2, 2, 2.0)]
    assert qa.components(two, 16) == 2 and qa.components(speck, 16) == 1


def test_flicker_flags_vanish_and_return_within_k_frames():
    empty = np.zeros((H, W), dtype=bool)
    # vanishes on 2-3 (stored empty) and returns on 4: gap 2 <= 3
    short = [stored(0, BOX), stored(1, BOX), stored(2, empty), stored(3, empty), stored(4, BOX)]
    found = [f for f in qa.check_masklet(1, short, T) if f.kind == "flicker"]
    assert [(f.frame_start, f.frame_end, f.value) for f in found] == [(2, 3, 2.0)]
    # gone for 5 frames: an occlusion, not a flicker
    long = [stored(0, BOX), *[stored(f, empty) for f in range(1, 6)], stored(6, BOX)]
    assert [f for f in qa.check_masklet(1, long, T) if f.kind == "flicker"] == []
    # frames simply not annotated in between are not a vanishing
    sparse = [stored(0, BOX), stored(2, BOX)]
    assert qa.check_masklet(1, sparse, T) == []


def test_low_score_only_where_a_score_is_stored():
    masks = [stored(0, BOX, 0.9), stored(1, BOX, 0.3), stored(2, BOX, 0.2), stored(3, BOX, None)]
    found = [f for f in qa.check_masklet(1, masks, T) if f.kind == "low_score"]
    assert [(f.frame_start, f.frame_end, f.value) for f in found] == [(1, 2, 0.2)]


def test_tiny_masks():
    empty = np.zeros((H, W), dtype=bool)  # absent, not tiny
    # 1e-4 of 60x80 = 0.48 px: raise the fraction so a 4 px mask is tiny
    t = qa.thresholds_with_defaults({"tiny_fraction": 0.001})  # 4.8 px
    masks = [stored(0, BOX), stored(1, rect(5, 7, 5, 7)), stored(2, empty), stored(3, BOX)]
    found = [f for f in qa.check_masklet(1, masks, t) if f.kind == "tiny"]
    assert [(f.frame_start, f.frame_end, f.value) for f in found] == [(1, 1, 4.0)]


def test_overlap_between_masklets_flags_both():
    a = [stored(0, BOX), stored(1, BOX), stored(2, BOX)]
    # b covers half of a on frames 1-2 (200 of its 200 px inside a: fraction 1.0), apart on 0
    b = [stored(0, rect(40, 50, 50, 70)), stored(1, rect(10, 20, 10, 30)),
         stored(2, rect(10, 20, 10, 30))]
    found = qa.check_overlaps({1: a, 2: b}, T)
    assert sorted((f.masklet, f.other, f.frame_start, f.frame_end, f.value) for f in found) == [
        (1, 2, 1, 2, 1.0),
        (2, 1, 1, 2, 1.0),
    ]
    # a 1-pixel touch (1 of the 100 px of the smaller mask) stays under overlap_max
    touch = [stored(0, rect(29, 39, 29, 39))]
    assert qa.check_overlaps({1: a[:1], 3: touch}, T) == []


def test_thresholds_are_validated_and_per_project():
    with pytest.raises(ValueError, match="unknown QA threshold"):
        qa.thresholds_with_defaults({"nope": 1})
    with pytest.raises(ValueError, match="must be a number"):
        qa.thresholds_with_defaults({"score_min": "high"})
    masks = [stored(0, BOX, 0.7)]
    assert qa.check_video({1: masks}, {"score_min": 0.5}) == []
    assert kinds(qa.check_video({1: masks}, {"score_min": 0.8})) == [("low_score", 0, 0)]
