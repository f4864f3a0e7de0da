"""Mask clean-up in pixel units: hole filling, small-region removal, morphological open/close.

Pure numpy + OpenCV. All sizes are in pixels of the mask given (areas in pixels, kernel sizes
as the side of a square kernel in pixels). sam2's own hole filling needs its CUDA extension, which
our CPU build lacks, so the engine does its clean-up here.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class PostprocessParams:
    """What `postprocess_mask` does, in order: fill holes, remove small regions, open, close.

    `fill_holes_below`: background regions enclosed by the mask and smaller than this many
    pixels become mask. `remove_regions_below`: mask regions smaller than this many pixels are
    removed. `open_kernel` / `close_kernel`: side in pixels of a square kernel for a
    morphological opening (removes thin spurs) / closing (bridges thin gaps); 0 = off.
    """

    fill_holes_below: int = 0
    remove_regions_below: int = 0
    open_kernel: int = 0
    close_kernel: int = 0


def _components(binary: np.ndarray, connectivity: int) -> tuple[int, np.ndarray, np.ndarray]:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        binary.astype(np.uint8), connectivity=connectivity
    )
    return count, labels, stats


def fill_holes(mask: np.ndarray, max_hole_area: int) -> np.ndarray:
    """Fill holes (background regions not touching the border) smaller than `max_hole_area` px."""
    mask = np.asarray(mask, dtype=bool)
    if max_hole_area <= 0 or not mask.any():
        return mask.copy()
    background = ~mask
    # 4-connected background pairs with an 8-connected foreground, the usual digital topology.
    count, labels, stats = _components(background, connectivity=4)
    h, w = mask.shape
    x, y, bw, bh, area = (stats[:, i] for i in range(5))
    touches_border = (x == 0) | (y == 0) | (x + bw == w) | (y + bh == h)
    # One lookup per pixel: a loop over holes (labels == label each) is O(holes x pixels).
    fill = ~touches_border & (area < max_hole_area)
    fill[0] = False  # label 0: the mask itself
    return mask | fill[labels]


def remove_small_regions(mask: np.ndarray, min_area: int) -> np.ndarray:
    """Remove 8-connected mask regions smaller than `min_area` pixels."""
    mask = np.asarray(mask, dtype=bool)
    if min_area <= 0 or not mask.any():
        return mask.copy()
    count, labels, stats = _components(mask, connectivity=8)
    keep = np.zeros(count, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= min_area
    return keep[labels]


def _kernel(size: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (int(size), int(size)))


def open_mask(mask: np.ndarray, kernel_size: int) -> np.ndarray:
    """Morphological opening with a square kernel of `kernel_size` pixels (0 or 1: no change)."""
    mask = np.asarray(mask, dtype=bool)
    if kernel_size <= 1:
        return mask.copy()
    return cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, _kernel(kernel_size)).astype(
        bool
    )


def close_mask(mask: np.ndarray, kernel_size: int) -> np.ndarray:
    """Morphological closing with a square kernel of `kernel_size` pixels (0 or 1: no change).

    Pixels outside the image count as background, so closing never grows the mask along the
    image border beyond what the mask itself reaches.
    """
    mask = np.asarray(mask, dtype=bool)
    if kernel_size <= 1:
        return mask.copy()
    pad = int(kernel_size)
    padded = cv2.copyMakeBorder(
        mask.astype(np.uint8), pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0
    )
    closed = cv2.morphologyEx(padded, cv2.MORPH_CLOSE, _kernel(kernel_size))
    return closed[pad:-pad, pad:-pad].astype(bool)


def postprocess_mask(mask: np.ndarray, params: PostprocessParams) -> np.ndarray:
    """Apply `params` to a bool (height, width) mask; returns a new bool mask of the same shape.

    The steps run on the mask's bounding box with a margin, never on the whole frame, with the
    same result: every step keeps the mask inside that box grown by the kernels, a background
    region that reaches the margin reaches the frame's border through the background around
    the box (so it is no hole), and where the box meets the frame's border the crop's border is
    the frame's. An object covering a fifth of a 1080p frame costs a fraction of a frame's work
    (the propagation's clean-up runs once per object and frame).
    """
    out = np.asarray(mask, dtype=bool)
    rows = np.flatnonzero(out.any(axis=1))
    if rows.size == 0:
        return out.copy()
    cols = np.flatnonzero(out.any(axis=0))
    margin = 1 + max(0, int(params.open_kernel), int(params.close_kernel))
    h, w = out.shape
    y0, y1 = max(0, rows[0] - margin), min(h, rows[-1] + 1 + margin)
    x0, x1 = max(0, cols[0] - margin), min(w, cols[-1] + 1 + margin)
    result = np.zeros_like(out)
    result[y0:y1, x0:x1] = _postprocess_whole_frame(out[y0:y1, x0:x1], params)
    return result


def _postprocess_whole_frame(mask: np.ndarray, params: PostprocessParams) -> np.ndarray:
    """The steps of `postprocess_mask` on every pixel of `mask` (the reference its crop equals)."""
    out = np.asarray(mask, dtype=bool)
    out = fill_holes(out, params.fill_holes_below)
    out = remove_small_regions(out, params.remove_regions_below)
    out = open_mask(out, params.open_kernel)
    return close_mask(out, params.close_kernel)
