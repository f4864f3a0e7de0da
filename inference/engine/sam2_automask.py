"""Automatic masks on one key frame with sam2's SAM2AutomaticMaskGenerator (SA-V grid).

The SA-V data engine's grid is 32x32 points on the full frame, 16x16 on each of 4 zoomed crops
and 4x4 on each of 16 zoomed crops: `point_grids=[grid32, grid16, grid4]`, `crop_n_layers=2`.
The generator runs on the video model already loaded (SAM2ImagePredictor accepts it), so the
weights are loaded once per process. Masks are then filtered by sam2 (predicted IoU, stability,
box NMS within and across crops) and de-duplicated here by mask IoU.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from .base import AutoMask, AutoMaskParams, EngineError, mask_bbox
from .dedupe import dedupe_masks
from .sam2_model import inference_context

if TYPE_CHECKING:
    from .sam2_backend import SAM2Backend


@contextlib.contextmanager
def shallow_maskdata_cat() -> Iterator[None]:
    """Make `sam2.utils.amg.MaskData.cat` copy lists shallowly while the block runs.

    The official `cat` deep-copies every list of RLE dicts it appends, which dominated the
    generator's post-processing on CPU (SAM2_NOTES: 92 s -> 70 s at 512). The appended batches
    are never mutated afterwards, so a shallow copy is safe. The class attribute is restored on
    exit; workers run one generator at a time per process.
    """
    import torch
    from sam2.utils import amg

    original = amg.MaskData.cat

    def cat(self: amg.MaskData, new_stats: amg.MaskData) -> None:
        for k, v in new_stats.items():
            if k not in self._stats or self._stats[k] is None:
                self._stats[k] = list(v) if isinstance(v, list) else v
            elif isinstance(v, torch.Tensor):
                self._stats[k] = torch.cat([self._stats[k], v], dim=0)
            elif isinstance(v, np.ndarray):
                self._stats[k] = np.concatenate([self._stats[k], v], axis=0)
            elif isinstance(v, list):
                self._stats[k] = self._stats[k] + v
            else:
                raise TypeError(f"MaskData key {k} has an unsupported type {type(v)}.")

    amg.MaskData.cat = cat  # type: ignore[method-assign]
    try:
        yield
    finally:
        amg.MaskData.cat = original  # type: ignore[method-assign]


def build_generator(backend: SAM2Backend, params: AutoMaskParams):
    """A SAM2AutomaticMaskGenerator on the backend's model with the SA-V style grid of `params`."""
    from sam2.automatic_mask_generator import SAM2AutomaticMaskGenerator
    from sam2.utils.amg import build_point_grid

    grids = [build_point_grid(int(n)) for n in params.grid_sizes]
    generator = SAM2AutomaticMaskGenerator(
        backend.model,
        points_per_side=None,
        point_grids=grids,
        crop_n_layers=len(grids) - 1,
        points_per_batch=params.points_per_batch,
        pred_iou_thresh=params.pred_iou_thresh,
        stability_score_thresh=params.stability_score_thresh,
        stability_score_offset=params.stability_score_offset,
        box_nms_thresh=params.box_nms_thresh,
        crop_nms_thresh=params.crop_nms_thresh,
        crop_overlap_ratio=params.crop_overlap_ratio,
        # sam2's own small-region clean-up needs its CUDA extension; postprocess.py does ours.
        min_mask_region_area=0,
        output_mode="binary_mask",
        use_m2m=params.use_m2m,
        multimask_output=True,
    )
    # SAM2ImagePredictor assumes 1024 px input when it unflattens backbone features.
    s = backend.image_size
    generator.predictor._bb_feat_sizes = [(s // 4, s // 4), (s // 8, s // 8), (s // 16, s // 16)]
    return generator


def generate_auto_masks(
    backend: SAM2Backend, frame_rgb: np.ndarray, params: AutoMaskParams
) -> list[AutoMask]:
    """Automatic masks on one RGB uint8 (H, W, 3) frame, best first (see module docstring)."""
    frame_rgb = np.asarray(frame_rgb)
    if frame_rgb.ndim != 3 or frame_rgb.shape[2] != 3 or frame_rgb.dtype != np.uint8:
        raise EngineError(
            f"automatic masks need an RGB uint8 (height, width, 3) frame, got {frame_rgb.shape} {frame_rgb.dtype}"
        )
    generator = build_generator(backend, params)
    with inference_context(backend.device), shallow_maskdata_cat():
        records = generator.generate(frame_rgb)
    h, w = frame_rgb.shape[:2]
    max_area = params.max_area_fraction * h * w
    records = [r for r in records if params.min_area <= r["area"] <= max_area]
    masks = [np.asarray(r["segmentation"], dtype=bool) for r in records]
    scores = [float(r["predicted_iou"]) * float(r["stability_score"]) for r in records]
    keep = dedupe_masks(masks, scores, params.mask_iou_thresh)
    if params.max_masks is not None:
        keep = keep[: params.max_masks]
    return [
        AutoMask(
            mask=masks[i],
            score=float(np.clip(records[i]["predicted_iou"], 0.0, 1.0)),
            stability=float(records[i]["stability_score"]),
            bbox=mask_bbox(masks[i]),
        )
        for i in keep
    ]
