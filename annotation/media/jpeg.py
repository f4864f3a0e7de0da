"""JPEG encoding and downscaling of RGB frames (numpy arrays, H x W x 3, uint8)."""

from __future__ import annotations

import cv2
import numpy as np


def fit_within(width: int, height: int, max_side: int) -> tuple[int, int]:
    """Size (pixels) of a ``width`` x ``height`` picture shrunk so its long side <= ``max_side``.

    Never upscales; keeps the aspect ratio, each side rounded and at least 1 pixel.
    """
    long_side = max(width, height)
    if max_side <= 0 or long_side <= max_side:
        return width, height
    scale = max_side / long_side
    return max(1, round(width * scale)), max(1, round(height * scale))


def encode_jpeg(rgb: np.ndarray, quality: int) -> bytes:
    """Encode an RGB uint8 array as a baseline JPEG of the given quality (1..100)."""
    # cv2 (libjpeg-turbo) is about twice as fast as Pillow here and gives the same bytes.
    ok, buffer = cv2.imencode(
        ".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, int(quality)]
    )
    if not ok:  # pragma: no cover - cv2 only fails on empty or non-uint8 input
        raise ValueError("JPEG encoding failed")
    return buffer.tobytes()


def downscale(rgb: np.ndarray, max_side: int) -> np.ndarray:
    """The array shrunk (area averaging) so its long side is at most ``max_side``; never enlarged."""
    height, width = rgb.shape[:2]
    new_width, new_height = fit_within(width, height, max_side)
    if (new_width, new_height) == (width, height):
        return rgb
    return cv2.resize(rgb, (new_width, new_height), interpolation=cv2.INTER_AREA)


def rotate_upright(rgb: np.ndarray, rotation_ccw_degrees: int) -> np.ndarray:
    """Apply a container's rotation flag (degrees counter-clockwise, a multiple of 90)."""
    quarter_turns = round(rotation_ccw_degrees / 90) % 4
    if quarter_turns == 0:
        return rgb
    return np.ascontiguousarray(np.rot90(rgb, k=quarter_turns))
