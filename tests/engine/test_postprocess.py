from __future__ import annotations

import numpy as np

from inference.engine.postprocess import (
    PostprocessParams,
    close_mask,
    fill_holes,
    open_mask,
    postprocess_mask,
    remove_small_regions,
)


def _square_with_holes() -> np.ndarray:
    mask = np.zeros((40, 40), bool)
    mask[5:35, 5:35] = True
    mask[10:12, 10:12] = False  # 4 px hole
    mask[20:26, 20:26] = False  # 36 px hole
    return mask


def test_fill_holes_fills_only_holes_below_the_size():
    mask = _square_with_holes()
    out = fill_holes(mask, max_hole_area=10)
    assert out[10:12, 10:12].all()
    assert not out[20:26, 20:26].any()
    assert fill_holes(mask, 100)[20:26, 20:26].all()
    assert fill_holes(mask, 0).sum() == mask.sum()


def test_fill_holes_leaves_background_touching_the_border():
    mask = np.zeros((20, 20), bool)
    mask[:, 5:15] = True
    mask[0:3, 8:10] = False  # a notch open to the border is not a hole
    assert not fill_holes(mask, 1000)[0:3, 8:10].any()


def test_remove_small_regions():
    mask = np.zeros((30, 30), bool)
    mask[2:4, 2:4] = True  # 4 px
    mask[10:20, 10:20] = True  # 100 px
    out = remove_small_regions(mask, min_area=5)
    assert not out[2:4, 2:4].any() and out[10:20, 10:20].all()
    assert remove_small_regions(mask, 0).sum() == 104
    assert remove_small_regions(np.zeros((5, 5), bool), 3).sum() == 0


def test_open_removes_thin_spurs_and_close_bridges_gaps():
    mask = np.zeros((30, 30), bool)
    mask[5:25, 5:15] = True
    mask[14, 15:28] = True  # 1 px spur
    opened = open_mask(mask, 3)
    assert not opened[14, 20] and opened[10:20, 7:13].all()

    gap = np.zeros((30, 30), bool)
    gap[5:25, 5:14] = True
    gap[5:25, 16:25] = True  # 2 px gap
    closed = close_mask(gap, 5)
    assert closed[10:20, 14:16].all()
    assert not closed[0:4].any(), "closing must not grow the mask at the image border"
    assert open_mask(mask, 1).sum() == mask.sum() and close_mask(mask, 0).sum() == mask.sum()


def test_postprocess_mask_applies_all_steps_in_order():
    mask = _square_with_holes()
    mask[37:39, 37:39] = True  # a 4 px speck
    out = postprocess_mask(
        mask,
        PostprocessParams(
            fill_holes_below=50, remove_regions_below=10, open_kernel=3, close_kernel=3
        ),
    )
    assert out.dtype == bool and out.shape == mask.shape
    assert out[20:26, 20:26].all() and not out[37:39, 37:39].any()
    assert postprocess_mask(mask, PostprocessParams()).sum() == mask.sum()
