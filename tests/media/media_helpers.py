"""Helpers for the media tests: synthetic videos written with PyAV, zips, a dict-backed store.

Synthetic frames carry their source frame number as an 8-bit bar code (column b is white when
bit b is set), which survives lossy coding, so a test can read back which source frame it got.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image

BEDROOM_SHA256 = "1be76d5d19b066e8ad7c565d88a98e11a8f8d456a707508a7aa35390def70e30"

BLACK, WHITE = 16, 235


def barcode_frame(number: int, width: int = 128, height: int = 64) -> np.ndarray:
    picture = np.full((height, width, 3), BLACK, np.uint8)
    column = width // 8
    for bit in range(8):
        if (number >> bit) & 1:
            picture[:, bit * column : (bit + 1) * column] = WHITE
    return picture


def read_barcode(rgb: np.ndarray) -> int:
    height, width = rgb.shape[:2]
    column = width // 8
    number = 0
    for bit in range(8):
        patch = rgb[
            height // 4 : 3 * height // 4,
            bit * column + column // 4 : (bit + 1) * column - column // 4,
        ]
        if patch.mean() > 128:
            number |= 1 << bit
    return number


def decode_jpeg(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255.0**2 / mse)


def write_video(
    path: Path,
    frames: int,
    *,
    fps: int = 24,
    codec: str = "libx264",
    container_format: str | None = None,
    pixel_format: str = "yuv420p",
    size: tuple[int, int] = (128, 64),
    pts: Sequence[int] | None = None,
    time_base: Fraction | None = None,
    rotation: int | None = None,
    audio: bool = False,
    container_options: dict[str, str] | None = None,
    picture: Callable[[int], np.ndarray] | None = None,
) -> Path:
    """Encode ``frames`` bar-code frames (or ``picture(i)``) with PyAV; ``pts`` in ``time_base``."""
    output = av.open(str(path), "w", format=container_format, options=container_options or {})
    stream = output.add_stream(codec, rate=fps)
    stream.width, stream.height = size
    stream.pix_fmt = pixel_format
    if time_base is not None:
        stream.time_base = time_base
        stream.codec_context.time_base = time_base
    if rotation is not None:
        stream.set_display_rotation(rotation)
    audio_stream = output.add_stream("aac", rate=48000) if audio else None
    for number in range(frames):
        rgb = picture(number) if picture else barcode_frame(number, *size)
        frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
        if pts is not None:
            frame.pts, frame.time_base = pts[number], time_base
        for packet in stream.encode(frame):
            output.mux(packet)
    for packet in stream.encode():
        output.mux(packet)
    if audio_stream is not None:
        for index in range(24):
            samples = av.AudioFrame.from_ndarray(
                np.zeros((1, 1024), np.float32), format="fltp", layout="mono"
            )
            samples.sample_rate, samples.pts = 48000, index * 1024
            for packet in audio_stream.encode(samples):
                output.mux(packet)
        for packet in audio_stream.encode():
            output.mux(packet)
    output.close()
    return path


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data)
    return path


def image_bytes(rgb: np.ndarray, image_format: str = "JPEG", **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, image_format, **options)
    return buffer.getvalue()


class DictStore:
    """A store that keeps files in a dict, in call order."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def __call__(self, name: str, data: bytes) -> None:
        assert name not in self.files, f"{name} stored twice"
        self.files[name] = data
