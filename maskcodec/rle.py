"""COCO compressed RLE of binary masks: encode, decode, validate, area, bbox, IoU.

Pure numpy + pycocotools. RLE is column-major (Fortran order), `{"size": [H, W], "counts": str}`,
exactly as pycocotools, SAM 2 and SA-V write it; masks are bool arrays (H, W) in pixels.
"""

from __future__ import annotations

from typing import TypedDict

import numpy as np
from pycocotools import mask as mask_utils


class RLE(TypedDict):
    size: list[int]  # [height, width] in pixels
    counts: str


class RLEError(ValueError):
    """A value that claims to be a COCO RLE but is not one."""


def encode(mask: np.ndarray) -> RLE:
    """Encode a boolean HxW mask (pixels) as COCO compressed RLE with str counts."""
    if mask.ndim != 2:
        raise ValueError(f"mask must be 2-D (H, W), got shape {mask.shape}")
    rle = mask_utils.encode(np.asfortranarray(mask.astype(np.uint8)))
    return {"size": [int(rle["size"][0]), int(rle["size"][1])], "counts": rle["counts"].decode("ascii")}


def validate(rle: object) -> RLE:
    """Check the shape of an RLE from outside (API body, import file); raise RLEError if wrong.

    Checks the dict layout, the size, and that the counts decode to exactly H*W pixels.
    """
    if not isinstance(rle, dict) or set(rle) - {"size", "counts"} or "size" not in rle or "counts" not in rle:
        raise RLEError('an RLE must be an object {"size": [height, width], "counts": "..."}')
    size = rle["size"]
    if (
        not isinstance(size, list | tuple)
        or len(size) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 20000 for v in size)
    ):
        raise RLEError("RLE size must be [height, width] with whole numbers from 0 to 20000")
    counts = rle["counts"]
    if isinstance(counts, list):  # uncompressed RLE: run lengths
        if not all(isinstance(v, int) and v >= 0 for v in counts) or sum(counts) != size[0] * size[1]:
            raise RLEError("uncompressed RLE counts must be run lengths that add up to height*width")
        compressed = mask_utils.frPyObjects({"size": list(size), "counts": counts}, size[0], size[1])
        return {"size": [size[0], size[1]], "counts": compressed["counts"].decode("ascii")}
    if not isinstance(counts, str) or not counts.isascii():
        raise RLEError("RLE counts must be a COCO compressed string")
    if any(ord(c) < 48 or ord(c) > 111 for c in counts):
        raise RLEError("RLE counts hold characters outside the COCO compressed alphabet")
    if _decoded_length(counts) != size[0] * size[1]:
        raise RLEError("RLE counts do not cover height*width pixels")
    return {"size": [size[0], size[1]], "counts": counts}


def _decoded_length(counts: str) -> int:
    """Sum of run lengths of a compressed COCO counts string (LEB128-like, see maskApi.c)."""
    total = 0
    previous: list[int] = []
    p = 0
    n = len(counts)
    while p < n:
        x = 0
        k = 0
        more = True
        while more:
            if p >= n:
                return -1
            c = ord(counts[p]) - 48
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if len(previous) > 2:
            x += previous[-2]
        previous.append(x)
        if x < 0:
            return -1
        total += x
    return total


def decode(rle: RLE) -> np.ndarray:
    """Decode a COCO RLE into a boolean HxW mask."""
    return mask_utils.decode({"size": rle["size"], "counts": rle["counts"].encode("ascii")}).astype(bool)


def area(rle: RLE) -> int:
    """Mask area in pixels."""
    return int(mask_utils.area({"size": rle["size"], "counts": rle["counts"].encode("ascii")}))


def bbox(rle: RLE) -> list[float]:
    """Bounding box [x, y, width, height] in pixels (COCO convention); zeros for an empty mask."""
    box = mask_utils.toBbox({"size": rle["size"], "counts": rle["counts"].encode("ascii")})
    return [float(v) for v in box]


def empty(height: int, width: int) -> RLE:
    """The RLE of an all-background mask."""
    return encode(np.zeros((height, width), dtype=bool))


def iou(a: RLE, b: RLE) -> float:
    """Intersection over union of two masks; 1.0 when both are empty."""
    ra = {"size": a["size"], "counts": a["counts"].encode("ascii")}
    rb = {"size": b["size"], "counts": b["counts"].encode("ascii")}
    if mask_utils.area(ra) == 0 and mask_utils.area(rb) == 0:
        return 1.0
    return float(mask_utils.iou([ra], [rb], [0])[0][0])
