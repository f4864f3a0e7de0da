"""De-duplication of mask proposals by mask IoU (pure numpy + pycocotools)."""

from __future__ import annotations

import numpy as np
from pycocotools import mask as mask_utils

from maskcodec import encode


def dedupe_masks(masks: list[np.ndarray], scores: list[float], iou_thresh: float) -> list[int]:
    """Greedy de-duplication: indices of the masks kept, best score first.

    A mask is dropped when its IoU with an already kept (better) mask exceeds `iou_thresh`.
    """
    order = sorted(range(len(masks)), key=lambda i: -scores[i])
    if iou_thresh >= 1.0 or len(order) <= 1:
        return order
    coco = []
    for i in order:
        rle = encode(masks[i])
        coco.append({"size": rle["size"], "counts": rle["counts"].encode("ascii")})
    ious = np.asarray(mask_utils.iou(coco, coco, [0] * len(coco)))
    kept: list[int] = []
    for rank in range(len(order)):
        if all(ious[rank, k] <= iou_thresh for k in kept):
            kept.append(rank)
    return [order[k] for k in kept]


def _coco(rle: dict) -> dict:
    counts = rle["counts"]
    return {"size": list(rle["size"]), "counts": counts.encode("ascii") if isinstance(counts, str) else counts}


def novel_masks(candidates: list[dict], existing: list[dict], iou_thresh: float) -> list[int]:
    """Indices of the `candidates` (COCO RLEs, best first) that are new: a candidate is dropped
    when its mask IoU with an `existing` mask (what is already tracked on that frame) or with a
    candidate kept before it exceeds `iou_thresh`. Empty candidates are dropped; empty existing
    masks never match. Kept indices keep the candidates' order."""
    existing = [r for r in existing if mask_utils.area(_coco(r)) > 0]
    kept: list[int] = []
    against = [_coco(r) for r in existing]
    for index, rle in enumerate(candidates):
        coco = _coco(rle)
        if mask_utils.area(coco) == 0:
            continue
        if against:
            ious = np.asarray(mask_utils.iou([coco], against, [0] * len(against))).reshape(-1)
            if (ious > iou_thresh).any():
                continue
        kept.append(index)
        against.append(coco)
    return kept
