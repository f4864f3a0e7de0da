"""Automated QA of masklets: checks over the stored masks of one video (pure: numpy, OpenCV,
the mask codec; no Django).

Each check yields findings on a range of annotated frames of one masklet, with a kind and a
value (the worst value in the range). Frames are the masklet's stored frames in order ("annotated
frames"); a stored mask with no pixel is the object marked absent there, a frame with no stored
mask is simply not annotated. Findings of one kind on consecutive stored frames merge into one
range.

Kinds and thresholds (`DEFAULT_THRESHOLDS`, overridable per project):

- temporal: IoU between two consecutive annotated frames where the object is present is below
  `temporal_iou_min`; the range spans both frames, the value is the IoU.
- area_jump: the larger area over the smaller between those frames is above `area_jump_ratio`.
- fragmentation: the mask has more connected components (of at least `min_component_px` pixels,
  8-connected) than on the previous annotated frame where it was present; value: components.
- flicker: the object vanishes (stored empty masks) and returns within `flicker_frames` frames;
  the range is the empty frames, the value the length of the gap in frames.
- overlap: two masklets of the video cover the same pixels on a frame: intersection over the
  smaller mask above `overlap_max`; value: that fraction; `other` names the other masklet.
- low_score: the model's score stored with the mask (propagation, clicks, automatic masks) is
  below `score_min`.
- tiny: the mask is non-empty but smaller than `tiny_fraction` of the frame; value: pixels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

import maskcodec

KINDS = ("temporal", "area_jump", "fragmentation", "flicker", "overlap", "low_score", "tiny")

DEFAULT_THRESHOLDS: dict[str, float] = {
    "temporal_iou_min": 0.5,
    "area_jump_ratio": 2.0,
    "min_component_px": 16,
    "flicker_frames": 3,
    "overlap_max": 0.2,
    "score_min": 0.5,
    "tiny_fraction": 0.0001,
}

# Which end of a merged range's values is the worst one.
_WORST_IS_LOW = {"temporal", "low_score", "tiny"}


@dataclass(frozen=True)
class StoredMask:
    frame: int
    rle: Any  # COCO compressed RLE {"size": [H, W], "counts": str}
    area: int
    score: float | None = None
    bbox: Sequence[float] | None = None  # [x, y, w, h]; computed when missing


@dataclass(frozen=True)
class Finding:
    masklet: int
    kind: str
    frame_start: int
    frame_end: int
    value: float
    other: int | None = None  # the other masklet of an overlap


@dataclass
class _Run:
    kind: str
    start_index: int
    end_index: int
    frame_start: int
    frame_end: int
    value: float
    other: int | None = None
    values: list[float] = field(default_factory=list)


def thresholds_with_defaults(update: Mapping[str, Any] | None) -> dict[str, float]:
    """DEFAULT_THRESHOLDS overlaid with `update`; unknown keys or non-numbers raise ValueError."""
    merged = dict(DEFAULT_THRESHOLDS)
    for key, value in (update or {}).items():
        if key not in DEFAULT_THRESHOLDS:
            raise ValueError(f"unknown QA threshold {key!r}; known: {', '.join(DEFAULT_THRESHOLDS)}")
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(f"QA threshold {key!r} must be a number >= 0")
        merged[key] = float(value)
    return merged


def components(mask: np.ndarray, min_px: float) -> int:
    """Connected components (8-connected) of at least `min_px` pixels."""
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(
        mask.astype(np.uint8), connectivity=8
    )
    return int(np.count_nonzero(stats[1:count, cv2.CC_STAT_AREA] >= max(min_px, 1)))


def _merge(masklet: int, hits: Iterable[tuple[str, int, int, int, int, float, int | None]]) -> list[Finding]:
    """Merge hits (kind, start index, end index, start frame, end frame, value, other) whose
    index ranges touch, per kind and other masklet."""
    runs: dict[tuple[str, int | None], list[_Run]] = {}
    for kind, i0, i1, f0, f1, value, other in sorted(hits, key=lambda h: (h[0], h[6] or 0, h[1])):
        group = runs.setdefault((kind, other), [])
        last = group[-1] if group else None
        if last is not None and i0 <= last.end_index + 1:
            last.end_index = max(last.end_index, i1)
            last.frame_end = max(last.frame_end, f1)
            last.values.append(value)
            continue
        group.append(_Run(kind, i0, i1, f0, f1, value, other, [value]))
    out = []
    for group in runs.values():
        for run in group:
            worst = min(run.values) if run.kind in _WORST_IS_LOW else max(run.values)
            out.append(
                Finding(masklet, run.kind, run.frame_start, run.frame_end, round(worst, 6), run.other)
            )
    return sorted(out, key=lambda f: (f.frame_start, f.kind, f.other or 0))


def check_masklet(
    masklet: int, masks: Sequence[StoredMask], thresholds: Mapping[str, float]
) -> list[Finding]:
    """Every check that looks at one masklet alone (all but overlap)."""
    t = thresholds
    stored = sorted(masks, key=lambda m: m.frame)
    hits: list[tuple[str, int, int, int, int, float, int | None]] = []
    previous: tuple[int, StoredMask] | None = None  # last present mask (index, mask)
    previous_components: int | None = None
    for index, mask in enumerate(stored):
        height, width = mask.rle["size"]
        if mask.score is not None and mask.score < t["score_min"]:
            hits.append(("low_score", index, index, mask.frame, mask.frame, mask.score, None))
        if mask.area <= 0:
            continue
        if mask.area < t["tiny_fraction"] * height * width:
            hits.append(("tiny", index, index, mask.frame, mask.frame, float(mask.area), None))
        pixels = maskcodec.decode(mask.rle)
        count = components(pixels, t["min_component_px"])
        if previous_components is not None and count > max(previous_components, 1):
            hits.append(("fragmentation", index, index, mask.frame, mask.frame, float(count), None))
        if previous is not None:
            p_index, before = previous
            if p_index == index - 1:  # consecutive annotated frames, both present
                iou = maskcodec.iou(before.rle, mask.rle)
                if iou < t["temporal_iou_min"]:
                    hits.append(("temporal", p_index, index, before.frame, mask.frame, iou, None))
                ratio = max(before.area, mask.area) / min(before.area, mask.area)
                if ratio > t["area_jump_ratio"]:
                    hits.append(("area_jump", p_index, index, before.frame, mask.frame, ratio, None))
            else:  # stored empty masks between two present ones: vanished and came back
                gap = mask.frame - before.frame - 1
                if gap <= t["flicker_frames"]:
                    first, last = stored[p_index + 1].frame, stored[index - 1].frame
                    hits.append(("flicker", p_index + 1, index - 1, first, last, float(gap), None))
        previous = (index, mask)
        previous_components = count
    return _merge(masklet, hits)


def _boxes_meet(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def check_overlaps(
    masks: Mapping[int, Sequence[StoredMask]], thresholds: Mapping[str, float]
) -> list[Finding]:
    """Pairs of masklets sharing pixels on a frame; a finding for each masklet of the pair."""
    by_frame: dict[int, list[tuple[int, int, StoredMask]]] = {}
    for masklet, stored in masks.items():
        for index, mask in enumerate(sorted(stored, key=lambda m: m.frame)):
            if mask.area > 0:
                by_frame.setdefault(mask.frame, []).append((masklet, index, mask))
    hits: dict[int, list[tuple[str, int, int, int, int, float, int | None]]] = {}
    for frame, present in by_frame.items():
        present.sort(key=lambda item: item[0])
        for i, (a_id, a_index, a) in enumerate(present):
            a_box = a.bbox if a.bbox is not None else maskcodec.bbox(a.rle)
            for b_id, b_index, b in present[i + 1 :]:
                b_box = b.bbox if b.bbox is not None else maskcodec.bbox(b.rle)
                if not _boxes_meet(a_box, b_box):
                    continue
                shared = int(np.count_nonzero(maskcodec.decode(a.rle) & maskcodec.decode(b.rle)))
                fraction = shared / min(a.area, b.area)
                if fraction > thresholds["overlap_max"]:
                    hits.setdefault(a_id, []).append(
                        ("overlap", a_index, a_index, frame, frame, fraction, b_id)
                    )
                    hits.setdefault(b_id, []).append(
                        ("overlap", b_index, b_index, frame, frame, fraction, a_id)
                    )
    return [finding for masklet, found in hits.items() for finding in _merge(masklet, found)]


def check_video(
    masks: Mapping[int, Sequence[StoredMask]], thresholds: Mapping[str, Any] | None = None
) -> list[Finding]:
    """All checks on the masklets of one video: masklet id -> its stored masks."""
    t = thresholds_with_defaults(thresholds)
    findings = [f for masklet, stored in masks.items() for f in check_masklet(masklet, stored, t)]
    return findings + check_overlaps(masks, t)
