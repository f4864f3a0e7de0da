"""GrabCut building blocks of the OpenCV backend: colour models, trimaps, regions of interest,
connected components and coarse colour regions. Pure functions on numpy arrays (pixels of the
working copy of a frame); no state.
"""

from __future__ import annotations

import cv2
import numpy as np

GC_BGD, GC_FGD, GC_PR_BGD, GC_PR_FGD = cv2.GC_BGD, cv2.GC_FGD, cv2.GC_PR_BGD, cv2.GC_PR_FGD
MODEL_SIZE = 65  # OpenCV's GrabCut GMM: 5 components x (1 weight + 3 means + 9 covariances)


def empty_model() -> np.ndarray:
    return np.zeros((1, MODEL_SIZE), np.float64)


def is_object(trimap: np.ndarray) -> np.ndarray:
    return (trimap == GC_FGD) | (trimap == GC_PR_FGD)


def disk(radius: int) -> np.ndarray:
    r = max(1, int(radius))
    return cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))


def learn_models(image: np.ndarray, trimap: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Background and object colour GMMs of `image` under `trimap` (k-means init, no cut)."""
    obj = is_object(trimap)
    if obj.sum() < 10 or (~obj).sum() < 10:
        return None
    bgd, fgd = empty_model(), empty_model()
    try:
        cv2.grabCut(image, trimap.copy(), None, bgd, fgd, 0, cv2.GC_INIT_WITH_MASK)
    except cv2.error:
        return None
    return bgd, fgd


def grabcut_until_stable(
    image: np.ndarray, trimap: np.ndarray, max_iterations: int, tolerance: float = 0.002
) -> int:
    """GrabCut `trimap` (changed in place) one iteration at a time, up to `max_iterations`, and
    stop once an iteration flips fewer than `tolerance` of the pixels between object and
    background: later iterations would refine what is already settled. Each further iteration
    continues from the colour models the last one left (GC_EVAL), as one call with more
    iterations does. The number of iterations run; raises cv2.error when there are too few
    samples for a colour model.
    """
    bgd, fgd = empty_model(), empty_model()
    cv2.grabCut(image, trimap, None, bgd, fgd, 1, cv2.GC_INIT_WITH_MASK)
    before = is_object(trimap)
    for done in range(1, max_iterations):
        cv2.grabCut(image, trimap, None, bgd, fgd, 1, cv2.GC_EVAL)
        after = is_object(trimap)
        if np.count_nonzero(after != before) < tolerance * after.size:
            return done + 1
        before = after
    return max_iterations


def keep_components(
    mask: np.ndarray, seeds: np.ndarray | None, guide: np.ndarray | None
) -> np.ndarray:
    """Keep the 8-connected parts of `mask` that hold a seed point, or that overlap `guide`.

    With neither, keep the largest part and parts at least a fifth of its size.
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        mask.astype(np.uint8), connectivity=8
    )
    if count <= 1:
        return mask.astype(bool)
    keep = np.zeros(count, bool)
    if seeds is not None and len(seeds):
        h, w = mask.shape
        xs = np.clip(seeds[:, 0].round().astype(int), 0, w - 1)
        ys = np.clip(seeds[:, 1].round().astype(int), 0, h - 1)
        keep[labels[ys, xs]] = True
        keep[0] = False
    if guide is not None and not keep.any():
        overlap = np.bincount(labels[guide.astype(bool)], minlength=count)
        areas = stats[:, cv2.CC_STAT_AREA]
        keep = (overlap >= 0.5 * areas) & (areas > 0)
        keep[0] = False
    if not keep.any():
        areas = stats[1:, cv2.CC_STAT_AREA]
        keep[1:] = areas >= 0.2 * areas.max()
    return keep[labels]


def colour_separation(image: np.ndarray, mask: np.ndarray) -> float:
    """Heuristic quality in [0, 1]: how far the object's mean colour is from its surround's."""
    if mask.sum() < 4:
        return 0.0
    ring = (
        cv2.dilate(mask.astype(np.uint8), disk(max(3, int(0.1 * np.sqrt(mask.sum()))))).astype(
            bool
        )
        & ~mask
    )
    if ring.sum() < 4:
        return 0.5
    lab = cv2.cvtColor(image, cv2.COLOR_RGB2LAB).reshape(-1, 3).astype(np.float32)
    inside, outside = lab[mask.reshape(-1)], lab[ring.reshape(-1)]
    spread = float(inside.std(axis=0).mean() + outside.std(axis=0).mean()) + 1e-3
    d = float(np.linalg.norm(inside.mean(axis=0) - outside.mean(axis=0))) / spread
    return d / (1.0 + d)


def box_pixels(box: np.ndarray, w: int, h: int) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = (float(v) for v in box)
    return (
        int(np.clip(np.floor(x0), 0, w - 1)),
        int(np.clip(np.floor(y0), 0, h - 1)),
        int(np.clip(np.ceil(x1), 1, w)),
        int(np.clip(np.ceil(y1), 1, h)),
    )

def roi(region: np.ndarray, w: int, h: int, margin: float) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(region)
    if len(xs) == 0:
        return 0, 0, w, h
    x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
    pad = int(max(8, margin * max(x1 - x0, y1 - y0)))
    return max(0, x0 - pad), max(0, y0 - pad), min(w, x1 + pad), min(h, y1 + pad)


def colour_regions(
    image: np.ndarray, blur: float, min_area: float, max_area: float, k: int = 6
) -> list[np.ndarray]:
    """Connected regions of similar smoothed colour (coarse object proposals)."""
    smoothed = cv2.pyrMeanShiftFiltering(cv2.GaussianBlur(image, (0, 0), blur), 10, 30)
    lab = cv2.cvtColor(smoothed, cv2.COLOR_RGB2LAB).reshape(-1, 3).astype(np.float32)
    cv2.setRNGSeed(0)
    criteria = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_MAX_ITER, 20, 1.0)
    _, clusters, _ = cv2.kmeans(lab, k, None, criteria, 2, cv2.KMEANS_PP_CENTERS)
    clusters = clusters.reshape(image.shape[:2])
    regions = []
    for c in range(k):
        count, labels, stats, _ = cv2.connectedComponentsWithStats(
            (clusters == c).astype(np.uint8), connectivity=8
        )
        for label in range(1, count):
            if min_area <= stats[label, cv2.CC_STAT_AREA] <= max_area:
                regions.append(labels == label)
    return regions


def refine_region(image: np.ndarray, region: np.ndarray) -> np.ndarray:
    """GrabCut a coarse region to the image's edges (core kept, a band around it undecided)."""
    h, w = region.shape
    radius = np.sqrt(region.sum() / np.pi)
    trimap = np.full((h, w), GC_BGD, np.uint8)
    trimap[cv2.dilate(region.astype(np.uint8), disk(max(3, round(0.3 * radius)))).astype(bool)] = (
        GC_PR_BGD
    )
    trimap[region] = GC_PR_FGD
    trimap[cv2.erode(region.astype(np.uint8), disk(max(1, round(0.3 * radius)))).astype(bool)] = (
        GC_FGD
    )
    x0, y0, x1, y1 = roi(trimap != GC_BGD, w, h, margin=0.3)
    sub = trimap[y0:y1, x0:x1].copy()
    try:
        cv2.grabCut(
            np.ascontiguousarray(image[y0:y1, x0:x1]),
            sub,
            None,
            empty_model(),
            empty_model(),
            2,
            cv2.GC_INIT_WITH_MASK,
        )
    except cv2.error:
        return region
    refined = np.zeros((h, w), bool)
    refined[y0:y1, x0:x1] = is_object(sub)
    return keep_components(refined, None, region)
