from __future__ import annotations

import numpy as np

from inference.engine.postprocess import (
    PostprocessParams,
    _postprocess_whole_frame,
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


def _random_mask(rng: np.random.Generator, h: int, w: int) -> np.ndarray:
    """Blobs with holes, specks and thin bridges, near or on the frame's border."""
    mask = np.zeros((h, w), bool)
    yy, xx = np.mgrid[0:h, 0:w]
    for _ in range(rng.integers(1, 5)):
        cy, cx = rng.integers(-5, h + 5), rng.integers(-5, w + 5)
        ry, rx = rng.integers(2, h // 2), rng.integers(2, w // 2)
        mask |= ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1
    mask &= rng.random((h, w)) > rng.choice([0.0, 0.02, 0.2])  # pepper: holes of every size
    for _ in range(rng.integers(0, 6)):  # specks and one-pixel lines
        y, x = rng.integers(0, h), rng.integers(0, w)
        mask[y : y + rng.integers(1, 4), x : x + rng.integers(1, 30)] = True
    return mask


def test_the_cropped_clean_up_equals_the_whole_frame_one():
    """postprocess_mask works on the mask's box with a margin: for any mask and parameters it
    gives exactly what every step on the whole frame gives (holes that reach the margin, masks
    on the frame's border, kernels of every size)."""
    rng = np.random.default_rng(7)
    for case in range(300):
        h, w = int(rng.integers(8, 90)), int(rng.integers(8, 90))
        mask = _random_mask(rng, h, w) if case % 25 else np.zeros((h, w), bool)
        params = PostprocessParams(
            fill_holes_below=int(rng.choice([0, 5, 50, 10_000])),
            remove_regions_below=int(rng.choice([0, 3, 40])),
            open_kernel=int(rng.choice([0, 1, 2, 3, 5])),
            close_kernel=int(rng.choice([0, 1, 2, 3, 6])),
        )
        expected = _postprocess_whole_frame(mask, params)
        assert np.array_equal(postprocess_mask(mask, params), expected), (case, params)
