"""Frame sources: lazy access to the RGB frames of one video (see `base.FrameSource`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import cv2
import numpy as np

from .base import EngineError

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


def _frame_sort_key(path: Path) -> tuple[int, int | str]:
    # "00012.jpg" sorts as 12 (like sam2's own loader); other names sort as text, after numbers.
    stem = path.stem
    return (0, int(stem)) if stem.isdigit() else (1, stem)


def read_image_rgb(path: str | os.PathLike[str]) -> np.ndarray:
    """Read an image file as an RGB uint8 (height, width, 3) array."""
    data = np.fromfile(str(path), dtype=np.uint8)
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is None:
        raise EngineError(f"cannot read frame image {path}: not a readable JPEG or PNG")
    return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)


class FolderFrameSource:
    """The frames of a folder of JPEG/PNG images, in numeric order of their names (00000.jpg ...).

    Only the first frame is read when the source is created (for its size).
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        if not self.path.is_dir():
            raise EngineError(f"frame folder {self.path} does not exist")
        files = [p for p in self.path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES]
        if not files:
            raise EngineError(f"frame folder {self.path} holds no JPEG or PNG images")
        self.files: list[Path] = sorted(files, key=_frame_sort_key)
        first = read_image_rgb(self.files[0])
        self.height, self.width = int(first.shape[0]), int(first.shape[1])
        self.cache_key: str | None = f"folder:{self.path.resolve()}"

    def __len__(self) -> int:
        return len(self.files)

    def read(self, index: int) -> np.ndarray:
        image = read_image_rgb(self.files[index])
        if image.shape[:2] != (self.height, self.width):
            raise EngineError(
                f"frame {index} ({self.files[index].name}) is {image.shape[1]}x{image.shape[0]} "
                f"pixels but the video is {self.width}x{self.height}"
            )
        return image


class ArrayFrameSource:
    """Frames held in memory: an (N, H, W, 3) uint8 array or a list of (H, W, 3) arrays (tests)."""

    def __init__(self, frames: np.ndarray | Sequence[np.ndarray], cache_key: str | None = None):
        if len(frames) == 0:
            raise EngineError("a video needs at least one frame")
        self._frames = frames
        first = np.asarray(frames[0])
        if first.ndim != 3 or first.shape[2] != 3:
            raise EngineError(
                f"frames must be (height, width, 3) RGB arrays, got shape {first.shape}"
            )
        self.height, self.width = int(first.shape[0]), int(first.shape[1])
        self.cache_key = cache_key

    def __len__(self) -> int:
        return len(self._frames)

    def read(self, index: int) -> np.ndarray:
        return np.ascontiguousarray(np.asarray(self._frames[index], dtype=np.uint8))


class CallableFrameSource:
    """Frames read by a function `read(index) -> RGB uint8 array` (e.g. from Django storage)."""

    def __init__(
        self,
        length: int,
        height: int,
        width: int,
        read: Callable[[int], np.ndarray],
        cache_key: str | None = None,
    ):
        self._length, self.height, self.width = int(length), int(height), int(width)
        self._read = read
        self.cache_key = cache_key

    def __len__(self) -> int:
        return self._length

    def read(self, index: int) -> np.ndarray:
        if not 0 <= index < self._length:
            raise IndexError(index)
        image = np.asarray(self._read(index))
        if image.shape != (self.height, self.width, 3):
            raise EngineError(
                f"frame {index} has shape {image.shape}, expected ({self.height}, {self.width}, 3)"
            )
        return image.astype(np.uint8, copy=False)


def write_frame_folder(
    frames: Sequence[np.ndarray] | np.ndarray, folder: str | os.PathLike[str], quality: int = 95
) -> Path:
    """Write RGB uint8 frames as 00000.jpg, 00001.jpg ... (the layout sam2's init_state reads)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for index, frame in enumerate(frames):
        bgr = cv2.cvtColor(np.asarray(frame, dtype=np.uint8), cv2.COLOR_RGB2BGR)
        if not cv2.imwrite(str(out / f"{index:05d}.jpg"), bgr, [cv2.IMWRITE_JPEG_QUALITY, quality]):
            raise EngineError(f"cannot write frame {index} to {out}")
    return out
