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
