"""Mask encoding: binary masks and COCO compressed RLE, the one encoding masks travel in.

A leaf package: numpy and pycocotools only, no Django and no torch, so the web process, the
pure formats code and the inference engine all share it. RLE is column-major (Fortran order),
``{"size": [height, width], "counts": str}``, exactly as pycocotools, SAM 2 and SA-V write it.
Masks are boolean numpy arrays of shape (height, width) in pixels.

    rle = maskcodec.encode(mask)      # bool (H, W) -> RLE
    mask = maskcodec.decode(rle)      # RLE -> bool (H, W)
    maskcodec.area(rle), maskcodec.bbox(rle), maskcodec.iou(a, b), maskcodec.empty(h, w)
    maskcodec.validate(value)         # RLE from outside (API body, import file) or RLEError
"""

from __future__ import annotations

from .rle import RLE, RLEError, area, bbox, decode, empty, encode, iou, validate

__all__ = ["RLE", "RLEError", "area", "bbox", "decode", "empty", "encode", "iou", "validate"]
