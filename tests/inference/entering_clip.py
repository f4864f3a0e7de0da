"""A synthetic clip where a second object enters late: the automatic-masklet tests' ground truth.

A yellow square moves right over a dark textured background from frame 0; a cyan disc appears at
`enter_at` (walking in from behind nothing, as a person entering the view) and drifts left.
"""

from __future__ import annotations

import cv2
import numpy as np

WIDTH, HEIGHT = 160, 120


def entering_clip(frames: int = 30, enter_at: int = 20) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """(RGB frames, square masks (N, H, W), disc masks (N, H, W))."""
    rng = np.random.default_rng(1)
    # A dark, nearly flat background (faint blurred noise): JPEG keeps it, and it is one region.
    noise = cv2.GaussianBlur(rng.standard_normal((HEIGHT, WIDTH)).astype(np.float32), (0, 0), 8)
    shade = np.clip(45 + 3 * noise / (noise.std() + 1e-6), 0, 255)
    background = np.repeat(shade[..., None], 3, axis=2).astype(np.uint8)
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH]
    rgb, squares, discs = [], np.zeros((frames, HEIGHT, WIDTH), bool), np.zeros((frames, HEIGHT, WIDTH), bool)
    for t in range(frames):
        frame = background.copy()
        x = 10 + 2 * t
        squares[t, 16:46, x : x + 30] = True
        if t >= enter_at:
            cx, cy = 125 - (t - enter_at), 85
            discs[t] = (xx - cx) ** 2 + (yy - cy) ** 2 <= 16**2
        frame[squares[t]] = (230, 200, 40)
        frame[discs[t]] = (40, 200, 230)
        rgb.append(frame)
    return rgb, squares, discs
