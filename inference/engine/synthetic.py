"""A synthetic clip with known ground truth, for tests, benchmarks and demos without real data.

A textured ellipse moves diagonally over a textured background; a textured bar sweeps across
the frame the other way and hides part of the object for a few frames. The ground truth is the
visible part of the object on every frame (the VOS convention: occluded pixels are not object).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class SyntheticClip:
    frames: np.ndarray  # (N, H, W, 3) uint8 RGB
    masks: np.ndarray  # (N, H, W) bool: visible object pixels
    boxes: np.ndarray  # (N, 4) float: [x0, y0, x1, y1] of the whole object (occluded or not)
    occluded_frames: list[int]  # frames where the bar hides part of the object


def _smooth_noise(rng: np.random.Generator, h: int, w: int, scale: float) -> np.ndarray:
    noise = rng.standard_normal((h, w)).astype(np.float32)
    noise = cv2.GaussianBlur(noise, (0, 0), scale)
    return noise / (noise.std() + 1e-6)


def _texture(
    rng: np.random.Generator,
    h: int,
    w: int,
    base: tuple[int, int, int],
    accent: tuple[int, int, int],
    grain: float,
) -> np.ndarray:
    """Two-colour mottled texture with fine grain: (h, w, 3) float32 RGB."""
    blend = np.clip(
        0.5 + 0.35 * _smooth_noise(rng, h, w, 3.0) + 0.15 * _smooth_noise(rng, h, w, 1.0), 0, 1
    )[..., None]
    colour = (1 - blend) * np.array(base, np.float32) + blend * np.array(accent, np.float32)
    return colour + grain * rng.standard_normal((h, w, 3)).astype(np.float32)


def make_clip(
    num_frames: int = 40,
    width: int = 320,
    height: int = 240,
    seed: int = 0,
    occluder: bool = True,
) -> SyntheticClip:
    """Render the clip (deterministic for a seed). The object is about 72x52 px at 320x240."""
    rng = np.random.default_rng(seed)
    sx, sy = width / 320, height / 240
    background = _texture(rng, height, width, (70, 105, 60), (125, 120, 70), grain=10)
    ow, oh = int(72 * sx), int(52 * sy)
    object_texture = _texture(rng, oh, ow, (205, 70, 50), (235, 170, 70), grain=10)
    bar_w = int(34 * sx)
    bar_texture = _texture(rng, height, bar_w, (60, 70, 120), (95, 95, 150), grain=8)
    yy, xx = np.mgrid[0:oh, 0:ow]
    ellipse = ((xx - (ow - 1) / 2) / (ow / 2)) ** 2 + ((yy - (oh - 1) / 2) / (oh / 2)) ** 2 <= 1.0

    frames = np.zeros((num_frames, height, width, 3), np.uint8)
    masks = np.zeros((num_frames, height, width), bool)
    boxes = np.zeros((num_frames, 4), np.float32)
    occluded: list[int] = []
    steps = max(1, num_frames - 1)
    for t in range(num_frames):
        image = background.copy()
        x0 = int(round((40 + 180 * t / steps) * sx))
        y0 = int(round((50 + 100 * t / steps + 10 * np.sin(t / 5)) * sy))
        region = image[y0 : y0 + oh, x0 : x0 + ow]
        region[ellipse] = object_texture[ellipse]
        mask = np.zeros((height, width), bool)
        mask[y0 : y0 + oh, x0 : x0 + ow] = ellipse
        boxes[t] = (x0, y0, x0 + ow, y0 + oh)
        if occluder:
            # The bar crosses the object's path around the middle of the clip.
            bx = int(round(width - (width + bar_w) * (t - 0.2 * steps) / (0.8 * steps)))
            lo, hi = max(0, bx), min(width, bx + bar_w)
            if lo < hi:
                image[:, lo:hi] = bar_texture[:, lo - bx : hi - bx]
                if mask[:, lo:hi].any():
                    occluded.append(t)
                mask[:, lo:hi] = False
        image += 3.0 * rng.standard_normal(image.shape).astype(np.float32)
        frames[t] = np.clip(image, 0, 255).astype(np.uint8)
        masks[t] = mask
    return SyntheticClip(frames=frames, masks=masks, boxes=boxes, occluded_frames=occluded)


def iou(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two bool masks; 1.0 when both are empty."""
    union = np.logical_or(a, b).sum()
    return 1.0 if union == 0 else float(np.logical_and(a, b).sum() / union)
