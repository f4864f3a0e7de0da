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


class NoveltyFilter:
    """Admits masks (COCO RLEs, best first) that are new: a mask is refused when its IoU with a
    mask already there (`existing`: what is tracked on that frame) or with a mask admitted
    before it exceeds `iou_thresh`. Empty masks are refused; empty existing masks never match.
    Incremental, so a caller can stop once it has admitted enough."""

    def __init__(self, existing: list[dict], iou_thresh: float) -> None:
        self.iou_thresh = float(iou_thresh)
        self.against = [c for c in (_coco(r) for r in existing) if mask_utils.area(c) > 0]

    def admit(self, rle: dict) -> bool:
        coco = _coco(rle)
        if mask_utils.area(coco) == 0:
            return False
        if self.against:
            ious = np.asarray(mask_utils.iou([coco], self.against, [0] * len(self.against))).reshape(-1)
            if (ious > self.iou_thresh).any():
                return False
        self.against.append(coco)
        return True


def novel_masks(candidates: list[dict], existing: list[dict], iou_thresh: float) -> list[int]:
    """Indices of the `candidates` (COCO RLEs, best first) a NoveltyFilter admits, in order."""
    novelty = NoveltyFilter(existing, iou_thresh)
    return [i for i, rle in enumerate(candidates) if novelty.admit(rle)]
